package dev.epoxy.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run did and found.
 *
 * @param failures the failing requests, at most one per distinct reason, in the order found
 * @param statuses how many answers had each HTTP status
 * @param operations how many requests targeted each operation
 * @param sessionsCreated resources the run created (and deleted at its end)
 * @param categoryNanos time spent waiting for answers, per kind of request
 */
record FuzzReport(long seed, int requests, Duration elapsed, List<String> implemented, List<Failure> failures, Map<Integer, Integer> statuses,
        Map<String, Integer> operations, int sessionsCreated, Map<String, Long> categoryNanos) {
    /** One failing request: where in the run, why, and both sides in full (shortened). */
    record Failure(int index, String reason, String request, String reply) {}

    FuzzReport {
        implemented = List.copyOf(implemented);
        failures = List.copyOf(failures);
        statuses = Map.copyOf(statuses);
        operations = Map.copyOf(operations);
        categoryNanos = Map.copyOf(categoryNanos);
    }

    double requestsPerSecond() {
        return requests / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("epoxy fuzz: seed %d, %d requests in %.1f s (%.0f requests/s), %d failure(s)%n",
                seed, requests, elapsed.toNanos() / 1e9, requestsPerSecond(), failures.size()));
        out.append("implemented operations (").append(implemented.size()).append("): ").append(String.join(", ", implemented)).append('\n');
        out.append("statuses: ").append(new java.util.TreeMap<>(statuses)).append('\n');
        out.append("requests per operation: ").append(new java.util.TreeMap<>(operations)).append('\n');
        out.append("sessions created (and deleted again): ").append(sessionsCreated).append('\n');
        out.append("seconds spent per kind of request: ");
        new java.util.TreeMap<>(categoryNanos).forEach((category, nanos) -> out.append(String.format("%s=%.1f ", category, nanos / 1e9)));
        out.append('\n');
        for (Failure failure : failures) {
            out.append("\nFAILED request #").append(failure.index()).append(" (seed ").append(seed).append("): ").append(failure.reason()).append('\n');
            out.append("--- request ---\n").append(failure.request()).append('\n');
            out.append("--- reply ---\n").append(failure.reply()).append('\n');
        }
        if (!failures.isEmpty()) {
            out.append("\nreplay: ./epoxy fuzz --seed ").append(seed).append(" --requests ").append(failures.get(0).index() + 1).append('\n');
        }
        return out.toString();
    }
}
