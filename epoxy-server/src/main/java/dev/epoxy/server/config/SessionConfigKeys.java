package dev.epoxy.server.config;

import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.StatementWaitConfig;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/** Keys of the session service, read into core's {@link SessionConfig}. */
public final class SessionConfigKeys {
    public static final ConfigKey MAX_ACTIVE_SESSIONS = ConfigKey.of("epoxy.session.max-active-sessions", ValueType.POSITIVE_INTEGER, "16",
            "Sessions that may hold a driver at once (PROVISIONING, READY, STOPPING); more → ResourceNumberLimitExceededException.");
    public static final ConfigKey MAX_WAITING_STATEMENTS = ConfigKey.of("epoxy.session.max-waiting-statements", ValueType.POSITIVE_INTEGER, "1000",
            "Statements that may wait behind the running one in a session; more → ResourceNumberLimitExceededException.");
    public static final ConfigKey REAPER_INTERVAL = ConfigKey.of("epoxy.session.reaper-interval", ValueType.DURATION, "30s",
            "How often idle, expired and stuck sessions are looked for.");
    public static final ConfigKey STARTUP_TIMEOUT = ConfigKey.of("epoxy.session.startup-timeout", ValueType.DURATION, "5m",
            "How long a driver may take to become ready before its session is FAILED.");

    public static final ConfigKey STATEMENT_WAIT = ConfigKey.of("epoxy.session.statement-wait", ValueType.DURATION, "5s",
            "Longest GetStatement holds its answer for an unfinished statement of a session in epoxy.session.statement-wait-origins, answering the moment it finishes; 0s holds none.");
    public static final ConfigKey STATEMENT_WAIT_ORIGINS = ConfigKey.of("epoxy.session.statement-wait-origins", ValueType.LIST, "GluePySparkKernel,GlueSparkKernel",
            "CreateSession RequestOrigin values whose sessions' GetStatement answers are held (the official kernels sleep 1 s after each unfinished answer); * for every session; empty for none.");
    public static final ConfigKey MAX_STATEMENT_WAITS = ConfigKey.of("epoxy.session.max-statement-waits", ValueType.POSITIVE_INTEGER, "16",
            "GetStatement answers held at once; beyond it GetStatement answers at once. At most half of epoxy.server.max-concurrent-requests is used.");

    public static final List<ConfigKey> KEYS = List.of(MAX_ACTIVE_SESSIONS, MAX_WAITING_STATEMENTS, REAPER_INTERVAL, STARTUP_TIMEOUT,
            STATEMENT_WAIT, STATEMENT_WAIT_ORIGINS, MAX_STATEMENT_WAITS);

    private SessionConfigKeys() {}

    public static SessionConfig sessionConfig(EpoxyConfig config) {
        return new SessionConfig(
                config.getInt(MAX_ACTIVE_SESSIONS),
                config.getInt(MAX_WAITING_STATEMENTS),
                config.getDuration(REAPER_INTERVAL),
                config.getDuration(STARTUP_TIMEOUT),
                // A held GetStatement keeps one of the endpoint's processing slots: held answers get at most half of them.
                new StatementWaitConfig(config.getDuration(STATEMENT_WAIT), config.getList(STATEMENT_WAIT_ORIGINS), config.getInt(MAX_STATEMENT_WAITS))
                        .withinProcessingSlots(config.getInt(ServerConfig.MAX_CONCURRENT_REQUESTS)));
    }
}
