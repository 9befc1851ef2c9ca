package dev.epoxy.server.config;

import dev.epoxy.core.session.SessionConfig;
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

    public static final List<ConfigKey> KEYS = List.of(MAX_ACTIVE_SESSIONS, MAX_WAITING_STATEMENTS, REAPER_INTERVAL, STARTUP_TIMEOUT);

    private SessionConfigKeys() {}

    public static SessionConfig sessionConfig(EpoxyConfig config) {
        return new SessionConfig(
                config.getInt(MAX_ACTIVE_SESSIONS),
                config.getInt(MAX_WAITING_STATEMENTS),
                config.getDuration(REAPER_INTERVAL),
                config.getDuration(STARTUP_TIMEOUT));
    }
}
