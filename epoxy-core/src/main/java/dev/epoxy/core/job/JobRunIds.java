package dev.epoxy.core.job;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Job run ids as AWS makes them: {@code jr_} and 64 lower-case hex digits (256 random bits). */
public final class JobRunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobRunIds() {}

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "jr_" + HexFormat.of().formatHex(bytes);
    }
}
