package dev.epoxy.driver;

/** An interpreter could not start; the message says why in words a user can act on. */
final class InterpreterStartException extends Exception {
    InterpreterStartException(String message) {
        super(message);
    }
}
