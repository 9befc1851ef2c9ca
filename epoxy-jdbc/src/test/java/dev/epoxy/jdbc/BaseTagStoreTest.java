package dev.epoxy.jdbc;

import static dev.epoxy.jdbc.SessionFixtures.at;
import static dev.epoxy.jdbc.SessionFixtures.provisioning;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.tag.TagStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link TagStore} contract over a real database, run on H2 and PostgreSQL. */
abstract class BaseTagStoreTest {
    private static final GlueArns ARNS = GlueArns.defaults();
    private static final GlueArn SESSION = ARNS.arnOf(GlueResourceType.SESSION, "tagged");
    private static final GlueArn OTHER_SESSION = ARNS.arnOf(GlueResourceType.SESSION, "other");
    private static final GlueArn TABLE = ARNS.arnOf(GlueResourceType.TABLE, "db/tagged");
    private static final String UNICODE = "Grüße, 日本語, 🚀👍🏽, e\u0301, \"quoted\" 'single'";

    private Stores stores;
    private TagStore tags;

    /** Opens the stores on the test's database (the same one each time); the test closes them. */
    protected abstract Stores openStores();

    /** Settings of a new, empty database, named after the test. */
    protected abstract StoreSettings emptyDatabase(String name, GlueArns arns);

    @BeforeEach
    final void open() {
        stores = openStores();
        tags = stores.tags();
        for (GlueArn arn : new GlueArn[] {SESSION, OTHER_SESSION, TABLE}) {
            tags.deleteTags(arn);
        }
    }

    @AfterEach
    final void close() {
        stores.close();
    }

    @Test
    void resourceWithoutTagsHasNone() {
        assertThat(tags.getTags(SESSION)).isEmpty();
    }

    @Test
    void tagResourceAddsAndOverwrites() {
        tags.tagResource(SESSION, Map.of("team", "data", "stage", "dev"));
        tags.tagResource(SESSION, Map.of("stage", "prod", "owner", "alice"));

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of("team", "data", "stage", "prod", "owner", "alice"));
    }

    @Test
    void replaceTagsDropsTheOldOnes() {
        tags.tagResource(SESSION, Map.of("team", "data", "stage", "dev"));
        tags.replaceTags(SESSION, Map.of("owner", "bob"));

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of("owner", "bob"));
    }

    @Test
    void untagRemovesKeysAndIgnoresAbsentOnes() {
        tags.tagResource(SESSION, Map.of("team", "data", "stage", "dev", "owner", "alice"));
        tags.untagResource(SESSION, Set.of("stage", "owner", "never-set"));

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void emptyChangesLeaveTagsAlone() {
        tags.tagResource(SESSION, Map.of("team", "data"));
        tags.tagResource(SESSION, Map.of());
        tags.untagResource(SESSION, Set.of());

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void tagsBelongToOneArn() {
        tags.tagResource(SESSION, Map.of("team", "one"));
        tags.tagResource(OTHER_SESSION, Map.of("team", "two"));
        tags.tagResource(TABLE, Map.of("team", "three"));

        tags.untagResource(OTHER_SESSION, Set.of("team"));
        tags.deleteTags(TABLE);

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of("team", "one"));
        assertThat(tags.getTags(OTHER_SESSION)).isEmpty();
        assertThat(tags.getTags(TABLE)).isEmpty();
    }

    @Test
    void beyondFiftyTagsNothingChanges() {
        Map<String, String> fortyNine = new HashMap<>();
        for (int i = 1; i < 50; i++) {
            fortyNine.put("key-" + i, "v");
        }
        tags.tagResource(SESSION, Map.of("team", "data"));
        tags.tagResource(SESSION, fortyNine);

        assertThatThrownBy(() -> tags.tagResource(SESSION, Map.of("one-more", "x", "team", "web")))
                .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("Cannot tag " + SESSION + ": a resource can have at most 50 tags, and this would make 51");
        Map<String, String> fifty = new HashMap<>(fortyNine);
        fifty.put("team", "data");
        assertThat(tags.getTags(SESSION)).isEqualTo(fifty);

        // Overwriting keys it has keeps a full resource at 50.
        tags.tagResource(SESSION, Map.of("team", "web", "key-1", "w"));
        assertThat(tags.getTags(SESSION)).hasSize(50).containsEntry("team", "web").containsEntry("key-1", "w");
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("one-more", "x");
        assertThatThrownBy(() -> tags.replaceTags(SESSION, fiftyOne)).isInstanceOf(EpoxyException.class);
        assertThat(tags.getTags(SESSION)).hasSize(50).containsEntry("team", "web");
    }

    @Test
    void unicodeAndEmptyValuesRoundTrip() {
        tags.tagResource(SESSION, Map.of(UNICODE, UNICODE, "empty", ""));

        assertThat(tags.getTags(SESSION)).isEqualTo(Map.of(UNICODE, UNICODE, "empty", ""));
    }

    @Test
    void returnedTagsAreImmutable() {
        tags.tagResource(SESSION, Map.of("a", "b"));

        assertThatThrownBy(() -> tags.getTags(SESSION).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sessionTagsOfASchemaTwoDatabaseSurviveTheMigrationUnderTheirArns() throws SQLException {
        GlueArns arns = new GlueArns("eu-west-3", "210987654321");
        StoreSettings settings = emptyDatabase("v2_tags", arns);
        String url = JdbcStores.effectiveUrl(settings.jdbcUrl());
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url, settings.user().orElse(null), settings.password().orElse(null))
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        Session tagged = provisioning("tagged-before", at(ofSeconds(1)));
        Session quoted = provisioning("it's-tagged", at(ofSeconds(1)));
        try (Connection connection = DriverManager.getConnection(url, settings.user().orElse(null), settings.password().orElse(null))) {
            for (Session session : new Session[] {tagged, quoted}) {
                try (PreparedStatement insert = connection.prepareStatement(SessionRows.INSERT)) {
                    SessionRows.bind(insert, session);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_tags (session_id, tag_key, tag_value) VALUES (?, ?, ?)")) {
                insertTag(insert, "tagged-before", "team", "data");
                insertTag(insert, "tagged-before", "owner", UNICODE);
                insertTag(insert, "it's-tagged", "stage", "");
            }
        }

        try (Stores migrated = JdbcStores.open(settings)) {
            assertThat(migrated.tags().getTags(arns.arnOf(GlueResourceType.SESSION, "tagged-before"))).isEqualTo(Map.of("team", "data", "owner", UNICODE));
            assertThat(migrated.tags().getTags(arns.arnOf(GlueResourceType.SESSION, "it's-tagged"))).isEqualTo(Map.of("stage", ""));
            assertThat(migrated.sessions().findSession(tagged.id())).contains(tagged);
        }
        try (Connection connection = DriverManager.getConnection(url, settings.user().orElse(null), settings.password().orElse(null));
                ResultSet arnsStored = connection.createStatement().executeQuery("SELECT DISTINCT arn FROM resource_tags ORDER BY arn")) {
            assertThat(arnsStored.next()).isTrue();
            assertThat(arnsStored.getString(1)).isEqualTo("arn:aws:glue:eu-west-3:210987654321:session/it's-tagged");
            assertThat(arnsStored.next()).isTrue();
            assertThat(arnsStored.getString(1)).isEqualTo("arn:aws:glue:eu-west-3:210987654321:session/tagged-before");
            assertThat(arnsStored.next()).isFalse();
        }
    }

    private static void insertTag(PreparedStatement insert, String sessionId, String key, String value) throws SQLException {
        insert.setString(1, sessionId);
        insert.setString(2, key);
        insert.setString(3, value);
        insert.executeUpdate();
    }
}
