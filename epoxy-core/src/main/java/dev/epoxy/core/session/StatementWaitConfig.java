package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which GetStatement answers may be held, and for how long, while their statement is unfinished.
 *
 * <p>The official Glue kernels (aws-glue-sessions) sleep one second after every GetStatement that
 * says WAITING or RUNNING, so a 20 ms statement costs its cell up to a second. Holding the answer
 * until the statement finishes (or {@link #maxWait} passes) lets the kernel's first GetStatement
 * return the result. It is done only for sessions whose CreateSession named one of {@link #origins}
 * (RequestOrigin, which the kernels send and the session keeps): for them a held answer is never
 * later than the kernel's own sleep would have made it, while other clients, which may poll
 * GetStatement for Progress or expect AWS's immediate answer, see no change. {@code *} holds for
 * every session.
 *
 * @param maxWait longest a GetStatement answer is held; zero holds none
 * @param origins the RequestOrigin values whose sessions are held, or {@code *} for all sessions; empty holds none
 * @param maxHeld answers held at once; beyond it GetStatement answers at once. Each held answer keeps
 *     one of the HTTP endpoint's processing slots, so this must stay below their number
 */
public record StatementWaitConfig(Duration maxWait, List<String> origins, int maxHeld) {
    /** In {@link #origins}: every session's answers are held. */
    public static final String ALL_ORIGINS = "*";

    public StatementWaitConfig {
        requireNonNull(maxWait, "maxWait is null");
        origins = List.copyOf(requireNonNull(origins, "origins is null"));
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1: " + maxHeld);
        }
    }

    /** Five seconds for the official kernels' sessions (RequestOrigin GluePySparkKernel or GlueSparkKernel), 16 at once. */
    public static StatementWaitConfig defaults() {
        return new StatementWaitConfig(Duration.ofSeconds(5), List.of("GluePySparkKernel", "GlueSparkKernel"), 16);
    }

    /** No answer is held: GetStatement always answers with the statement as it is. */
    public static StatementWaitConfig disabled() {
        return defaults().withOrigins(List.of());
    }

    /** Whether GetStatement answers for a session created with this RequestOrigin may be held. */
    public boolean holds(Optional<String> requestOrigin) {
        if (maxWait.isZero()) {
            return false;
        }
        return origins.contains(ALL_ORIGINS) || requestOrigin.map(origins::contains).orElse(false);
    }

    /**
     * This configuration with {@link #maxHeld} below {@code processingSlots}, the requests the HTTP
     * endpoint processes at once: at most half of them, so that held answers leave the other half to
     * every other operation. With fewer than two slots nothing is held.
     */
    public StatementWaitConfig withinProcessingSlots(int processingSlots) {
        if (processingSlots < 2) {
            // One slot: a held answer would stop every other request.
            return withOrigins(List.of());
        }
        return withMaxHeld(Math.min(maxHeld, processingSlots / 2));
    }

    public StatementWaitConfig withMaxWait(Duration value) {
        return new StatementWaitConfig(value, origins, maxHeld);
    }

    public StatementWaitConfig withOrigins(List<String> value) {
        return new StatementWaitConfig(maxWait, value, maxHeld);
    }

    public StatementWaitConfig withMaxHeld(int value) {
        return new StatementWaitConfig(maxWait, origins, value);
    }
}
