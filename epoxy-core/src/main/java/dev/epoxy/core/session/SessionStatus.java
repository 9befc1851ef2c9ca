package dev.epoxy.core.session;

/** Glue's session lifecycle: PROVISIONING → READY → STOPPING → STOPPED, or TIMEOUT / FAILED. */
public enum SessionStatus {
    PROVISIONING,
    READY,
    STOPPING,
    STOPPED,
    TIMEOUT,
    FAILED;

    /** A terminal session never runs again; its driver is gone. */
    public boolean isTerminal() {
        return switch (this) {
            case STOPPED, TIMEOUT, FAILED -> true;
            case PROVISIONING, READY, STOPPING -> false;
        };
    }

    /** Whether the session accepts statements. */
    public boolean acceptsStatements() {
        return this == READY;
    }
}
