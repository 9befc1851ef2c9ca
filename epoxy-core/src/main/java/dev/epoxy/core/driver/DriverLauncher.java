package dev.epoxy.core.driver;

import dev.epoxy.core.session.Session;

/** Starts session drivers. Implementations decide where the driver runs (local process, cluster). */
public interface DriverLauncher {
    /**
     * Starts a driver for the session and returns at once; the driver reports readiness and
     * everything after through {@code listener}. A driver that cannot start is reported through
     * {@link DriverListener#driverFailed}.
     */
    DriverHandle launch(Session session, DriverListener listener);
}
