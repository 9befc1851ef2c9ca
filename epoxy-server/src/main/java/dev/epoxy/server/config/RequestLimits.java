package dev.epoxy.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long and how many requests the HTTP endpoint serves at once, so that slow or numerous clients cannot
 * hold the threads others need.
 *
 * @param idleTimeout how long a connection may stay silent, between requests or inside one, before it is closed
 * @param bodyTimeout how long a request body may take to arrive completely, counted from its headers
 * @param minBodyDataRate the slowest a request body may arrive, in bytes per second on average
 * @param maxConcurrentRequests requests (with their bodies complete) processed at once
 * @param maxQueuedRequests requests that may wait for one of those slots; more are throttled at once
 * @param maxQueueWait how long a request may wait for a slot before it is throttled
 * @param maxBufferedBodyBytes bytes all request bodies being received, waiting or processed may hold
 *     together; a body that would exceed it is throttled
 */
public record RequestLimits(
        Duration idleTimeout,
        Duration bodyTimeout,
        int minBodyDataRate,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        Duration maxQueueWait,
        int maxBufferedBodyBytes) {
    public RequestLimits {
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(bodyTimeout, "bodyTimeout is null");
        requireNonNull(maxQueueWait, "maxQueueWait is null");
        checkPositive(idleTimeout, "idleTimeout");
        checkPositive(bodyTimeout, "bodyTimeout");
        checkPositive(maxQueueWait, "maxQueueWait");
        if (minBodyDataRate < 1) {
            throw new IllegalArgumentException("minBodyDataRate must be at least 1: " + minBodyDataRate);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1: " + maxConcurrentRequests);
        }
        if (maxBufferedBodyBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must be at least 1: " + maxBufferedBodyBytes);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must not be negative: " + maxQueuedRequests);
        }
    }

    public static RequestLimits defaults() {
        return new RequestLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1024, 32, 64, Duration.ofSeconds(5), 128 * 1024 * 1024);
    }

    public RequestLimits withBodyTimeout(Duration value) {
        return new RequestLimits(idleTimeout, value, minBodyDataRate, maxConcurrentRequests, maxQueuedRequests, maxQueueWait, maxBufferedBodyBytes);
    }

    public RequestLimits withMinBodyDataRate(int value) {
        return new RequestLimits(idleTimeout, bodyTimeout, value, maxConcurrentRequests, maxQueuedRequests, maxQueueWait, maxBufferedBodyBytes);
    }

    public RequestLimits withMaxConcurrentRequests(int value) {
        return new RequestLimits(idleTimeout, bodyTimeout, minBodyDataRate, value, maxQueuedRequests, maxQueueWait, maxBufferedBodyBytes);
    }

    public RequestLimits withMaxQueuedRequests(int value) {
        return new RequestLimits(idleTimeout, bodyTimeout, minBodyDataRate, maxConcurrentRequests, value, maxQueueWait, maxBufferedBodyBytes);
    }

    public RequestLimits withMaxQueueWait(Duration value) {
        return new RequestLimits(idleTimeout, bodyTimeout, minBodyDataRate, maxConcurrentRequests, maxQueuedRequests, value, maxBufferedBodyBytes);
    }

    public RequestLimits withMaxBufferedBodyBytes(int value) {
        return new RequestLimits(idleTimeout, bodyTimeout, minBodyDataRate, maxConcurrentRequests, maxQueuedRequests, maxQueueWait, value);
    }

    private static void checkPositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
