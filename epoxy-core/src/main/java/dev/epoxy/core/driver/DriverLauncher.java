package dev.epoxy.core.driver;

import dev.epoxy.core.session.Session;
import dev.epoxy.core.session.SessionId;
import dev.epoxy.core.session.SessionSpec;

/** Starts session drivers. Implementations decide where the driver runs (local process, cluster). */
public interface DriverLauncher {
    /**
     * Starts a driver for the session and returns at once; the driver reports readiness and
     * everything after through {@code listener}. A driver that cannot start is reported through
     * {@link DriverListener#driverFailed}.
     */
    DriverHandle launch(Session session, DriverListener listener);

    /**
     * Checks, before the session is created, what would stop its driver from starting and can be
     * known without starting it (files its arguments name, a {@code --conf} Spark cannot read), so
     * that CreateSession refuses it with the reason instead of creating a session that FAILS moments
     * later (the Glue kernel prints CreateSession's error verbatim). A launcher that cannot tell does nothing.
     *
     * @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} naming what is at fault
     */
    default void checkLaunchable(SessionId id, SessionSpec spec) {}

    /**
     * The session was deleted (after {@link DriverHandle#stop()} if its driver still ran): the
     * launcher removes what it kept for it, such as the driver's working directory and log, once the
     * driver has exited. Returns at once; a launcher that keeps nothing per session does nothing.
     */
    default void sessionDeleted(SessionId id) {}
}
