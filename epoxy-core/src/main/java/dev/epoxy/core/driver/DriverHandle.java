package dev.epoxy.core.driver;

import java.util.Optional;

/** The server's end of one running driver. All methods return without waiting for the driver. */
public interface DriverHandle {
    /** Sends a statement to run now. The session service sends one statement at a time. */
    void runStatement(int statementId, String code);

    /** Asks the driver to stop the statement's Spark jobs and interrupt its interpreter. */
    void cancelStatement(int statementId);

    /** Asks the driver to shut down, and kills it if it has not exited within the grace period. */
    void stop();

    /** The driver's Spark UI, once it is ready. */
    Optional<String> dashboardUrl();
}
