package dev.epoxy.fuzz;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./epoxy fuzz}: the long run against a running server.
 *
 * <pre>FuzzMain --endpoint URL [--requests N] [--seed S] [--region R] [--wait SECONDS]</pre>
 *
 * Exits 0 when every answer passed, 1 when any failed (the report names the seed and the failing requests),
 * 2 on bad arguments. {@code --wait} polls the endpoint until it answers, for a server just started.
 */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = null;
        int requests = 100_000;
        long seed = System.nanoTime();
        String region = "us-east-1";
        long waitSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(required(args[i], value));
                case "--requests" -> requests = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--region" -> region = required(args[i], value);
                case "--wait" -> waitSeconds = Long.parseLong(required(args[i], value));
                default -> usage("unknown argument: " + args[i]);
            }
            i++;
        }
        if (endpoint == null) {
            usage("--endpoint is required");
        }
        if (waitSeconds > 0) {
            waitFor(endpoint, Duration.ofSeconds(waitSeconds));
        }
        System.out.printf("epoxy fuzz: %d requests against %s with seed %d%n", requests, endpoint, seed);
        FuzzReport report = new Fuzzer(endpoint, region, Duration.ofSeconds(15)).run(seed, requests, line -> System.out.println("epoxy fuzz: " + line));
        System.out.print(report.summary());
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    private static void waitFor(URI endpoint, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
                return;
            }
            catch (java.io.IOException e) {
                // Not listening yet: poll again after a short pause (a process start has no event to wait on).
                Thread.sleep(200);
            }
        }
        System.err.println("epoxy fuzz: nothing answers at " + endpoint + " after " + timeout.toSeconds() + " s");
        System.exit(2);
    }

    private static String required(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("epoxy fuzz: " + problem);
        System.err.println("usage: FuzzMain --endpoint URL [--requests N] [--seed S] [--region R] [--wait SECONDS]");
        System.exit(2);
    }
}
