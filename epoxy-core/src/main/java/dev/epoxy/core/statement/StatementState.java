package dev.epoxy.core.statement;

/** Glue's statement lifecycle: WAITING → RUNNING → AVAILABLE | ERROR, or → CANCELLING → CANCELLED. */
public enum StatementState {
    WAITING,
    RUNNING,
    AVAILABLE,
    CANCELLING,
    CANCELLED,
    ERROR;

    public boolean isTerminal() {
        return switch (this) {
            case AVAILABLE, CANCELLED, ERROR -> true;
            case WAITING, RUNNING, CANCELLING -> false;
        };
    }
}
