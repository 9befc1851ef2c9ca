package dev.epoxy.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestJdbcStores {
    @Test
    void urlPasswordsAreRedacted() {
        assertThat(JdbcStores.redactUrl("jdbc:postgresql://db:5432/epoxy?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/epoxy?user=app&password=***&ssl=true");
        assertThat(JdbcStores.redactUrl("jdbc:h2:file:/data/epoxy;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/data/epoxy;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(JdbcStores.redactUrl("jdbc:sqlserver://db;pwd=s3cret"))
                .isEqualTo("jdbc:sqlserver://db;pwd=***");
    }

    @Test
    void urlsWithoutPasswordsAreUnchanged() {
        assertThat(JdbcStores.redactUrl("jdbc:h2:file:/var/lib/epoxy/db/epoxy")).isEqualTo("jdbc:h2:file:/var/lib/epoxy/db/epoxy");
    }

    @Test
    void h2UrlsGetDurableCommitsUnlessTheyChooseAWriteDelay() {
        assertThat(JdbcStores.effectiveUrl("jdbc:h2:file:/var/lib/epoxy/db")).isEqualTo("jdbc:h2:file:/var/lib/epoxy/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=5000");
        assertThat(JdbcStores.effectiveUrl("jdbc:h2:file:/var/lib/epoxy/db;write_delay=500")).isEqualTo("jdbc:h2:file:/var/lib/epoxy/db;write_delay=500;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=5000");
        assertThat(JdbcStores.effectiveUrl("jdbc:h2:file:/var/lib/epoxy/db;db_close_on_exit=true")).isEqualTo("jdbc:h2:file:/var/lib/epoxy/db;db_close_on_exit=true;WRITE_DELAY=0;MAX_COMPACT_TIME=5000");
        assertThat(JdbcStores.effectiveUrl("jdbc:postgresql://db/epoxy")).isEqualTo("jdbc:postgresql://db/epoxy");
    }
}
