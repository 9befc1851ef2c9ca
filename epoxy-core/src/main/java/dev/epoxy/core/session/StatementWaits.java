package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.statement.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * GetStatement answers held until their statement finishes or their wait ends, for {@link SessionService}.
 * The service calls {@link #statementFinished} after it has stored a statement's terminal state, and
 * each held answer is then read again from the store. No thread waits: a held answer is a future,
 * completed on this class's one thread (which also runs the deadlines), never on the thread that
 * reported the statement's end.
 */
final class StatementWaits implements AutoCloseable {
    private record Key(SessionId sessionId, int statementId) {}

    private final BiFunction<SessionId, Integer, Statement> loader;
    private final Function<Key, Boolean> finished;
    private final int maxHeld;
    private final Map<Key, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "statement-waits");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param loader reads a statement, throwing {@code SESSION_NOT_FOUND} or {@code STATEMENT_NOT_FOUND}
     * @param isFinished whether a statement has finished or is gone, read from the store
     */
    StatementWaits(BiFunction<SessionId, Integer, Statement> loader, BiFunction<SessionId, Integer, Boolean> isFinished, int maxHeld) {
        this.loader = requireNonNull(loader, "loader is null");
        requireNonNull(isFinished, "isFinished is null");
        this.finished = key -> isFinished.apply(key.sessionId(), key.statementId());
        this.maxHeld = maxHeld;
    }

    /**
     * The statement once it has finished, or as it is after {@code maxWait}; at once, as it is, when
     * {@code maxHeld} answers are already held.
     */
    CompletableFuture<Statement> await(Statement current, Duration maxWait) {
        if (held.incrementAndGet() > maxHeld) {
            held.decrementAndGet();
            return CompletableFuture.completedFuture(current);
        }
        Key key = new Key(current.sessionId(), current.id());
        Waiter waiter = new Waiter(key);
        waiters.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(waiter);
        try {
            waiter.deadline = executor.schedule(waiter::release, maxWait.toNanos(), TimeUnit.NANOSECONDS);
            if (waiter.released.get()) {
                waiter.deadline.cancel(false);
            }
        }
        catch (RejectedExecutionException e) {
            // Closing: answer at once.
            waiter.release();
            return waiter.future;
        }
        // The statement may have finished between the caller's read and the registration above, and
        // its notification gone to nobody; the store was written before the notification was sent.
        if (finished.apply(key)) {
            waiter.release();
        }
        return waiter.future;
    }

    /** Releases the answers held for a statement that has finished (or is gone). */
    void statementFinished(SessionId sessionId, int statementId) {
        Set<Waiter> released = waiters.remove(new Key(sessionId, statementId));
        if (released != null) {
            released.forEach(Waiter::release);
        }
    }

    /** Releases every answer held for a session's statements: the session was deleted. */
    void sessionDeleted(SessionId sessionId) {
        List<Key> keys = new ArrayList<>(waiters.keySet());
        for (Key key : keys) {
            if (key.sessionId().equals(sessionId)) {
                statementFinished(key.sessionId(), key.statementId());
            }
        }
    }

    /** Answers held now (for tests and the log). */
    int held() {
        return held.get();
    }

    /** Answers every held request with its statement as it is, and stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        for (Key key : new ArrayList<>(waiters.keySet())) {
            statementFinished(key.sessionId(), key.statementId());
        }
    }

    /** One held answer. */
    private final class Waiter {
        private final Key key;
        private final CompletableFuture<Statement> future = new CompletableFuture<>();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        private Waiter(Key key) {
            this.key = key;
        }

        private void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            held.decrementAndGet();
            ScheduledFuture<?> scheduled = deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            waiters.computeIfPresent(key, (ignored, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            try {
                executor.execute(this::answer);
            }
            catch (RejectedExecutionException e) {
                answer();
            }
        }

        private void answer() {
            try {
                future.complete(loader.apply(key.sessionId(), key.statementId()));
            }
            catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }
}
