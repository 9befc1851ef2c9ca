package dev.epoxy.core.job;

import static dev.epoxy.core.Checks.checkInput;

import java.math.BigDecimal;

/** Comparing Glue versions ({@code "0.9"}, {@code "4.0"}, {@code "5.0"}, or {@code "auto"}, the newest). */
final class GlueVersions {
    private GlueVersions() {}

    /** Whether {@code version} is at least {@code minimum}; {@code auto} is newer than every number. */
    static boolean atLeast(String version, String minimum) {
        if ("auto".equals(version)) {
            return true;
        }
        return new BigDecimal(version).compareTo(new BigDecimal(minimum)) >= 0;
    }

    /** @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} when the version is not {@code N.N} or {@code auto} */
    static String check(String version) {
        checkInput(version.equals("auto") || version.matches("[0-9]{1,2}\\.[0-9]{1,2}"), "Invalid GlueVersion: %s", version);
        return version;
    }
}
