package dev.epoxy.jdbc;

import static java.time.temporal.ChronoUnit.MILLIS;

import dev.epoxy.core.session.Capacity;
import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionCommand;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionSpec;
import dev.epoxy.core.session.WorkerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions for store tests. Instants are whole milliseconds, the precision the store keeps. */
final class SessionFixtures {
    /** A fixed instant with a non-zero millisecond part. */
    static final Instant EPOCH = Instant.parse("2026-03-14T15:09:26.535Z");

    private SessionFixtures() {}

    static Instant at(Duration offset) {
        return EPOCH.plus(offset).truncatedTo(MILLIS);
    }

    /** A spec with every optional member absent and empty collections. */
    static SessionSpec minimalSpec() {
        return new SessionSpec(
                Optional.empty(),
                "arn:aws:iam::123456789012:role/Glue",
                new SessionCommand("glueetl", "3"),
                SessionSpec.DEFAULT_TIMEOUT_MINUTES,
                SessionSpec.DEFAULT_TIMEOUT_MINUTES,
                Map.of(),
                List.of(),
                SessionSpec.DEFAULT_CAPACITY,
                Optional.empty(),
                SessionSpec.DEFAULT_GLUE_VERSION,
                Optional.empty());
    }

    /** A spec with every member set to a value different from {@link #minimalSpec()}. */
    static SessionSpec fullSpec() {
        return new SessionSpec(
                Optional.of("nightly ETL — käse, 日本語, emoji 🚀"),
                "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-Test",
                new SessionCommand("gluestreaming", "3.11"),
                120,
                15,
                Map.of(
                        "--session-language", "python",
                        "--enable-glue-datacatalog", "true",
                        "--conf", "spark.sql.shuffle.partitions=4:5;x=\"y\"",
                        "--extra-py-files", "s3://bücket/lib.zip,s3://b/2:3.zip",
                        "--empty", ""),
                List.of("postgres-connection", "s3:vpc 1", "ünïcödé"),
                new Capacity(WorkerType.G_2X, 7, 14.5),
                Optional.of("security-config-1"),
                "4.0",
                Optional.of("AWS CLI / 2.x"));
    }

    static Session provisioning(String id, Instant createdOn) {
        return Session.provisioning(new SessionId(id), minimalSpec(), createdOn);
    }

    static Session fullSession(String id, Instant createdOn) {
        return Session.provisioning(new SessionId(id), fullSpec(), createdOn);
    }
}
