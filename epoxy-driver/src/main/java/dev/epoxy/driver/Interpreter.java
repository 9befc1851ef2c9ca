package dev.epoxy.driver;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the statements of one session in one language, keeping their state (variables, imports,
 * definitions) from one statement to the next. {@link StatementRunner} gives it one statement at a
 * time, inside Spark job group {@code "<statementId>"}.
 */
interface Interpreter extends AutoCloseable {
    /**
     * Starts a statement; the future completes with its result, or fails when the interpreter is
     * gone (died, killed) before it answered.
     */
    CompletableFuture<InterpreterResult> execute(int statementId, String code);

    /** Asks the interpreter to interrupt the statement if it is still running it; returns at once. */
    void cancel(int statementId);

    /**
     * Ends the interpreter at once with whatever it started and fails the pending results; the
     * session's state in it is gone. Used when a statement ignores its cancel.
     */
    void kill();

    /** The operating-system process of the interpreter, when it runs in one of its own. */
    OptionalLong pid();

    /** What the interpreter is called in messages to users and in the driver log ("the Python interpreter"). */
    String description();

    /** Why a statement may ignore a cancel, in the words of the message that says it was killed. */
    String whyCancelsAreIgnored();

    /** What {@link #kill()} did, for that message ("the Python interpreter was killed, with ..."). */
    String whatKillDid();

    /** The names defined again in a replacement interpreter ("spark, sc and sqlContext"). */
    String predefinedNames();

    /** Stops the interpreter cleanly. */
    @Override
    void close();
}
