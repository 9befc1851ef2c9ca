package dev.epoxy.driver;

import java.util.Locale;

/**
 * The session's language as the driver receives it in {@code spark.epoxy.session-language}. The
 * server parsed and checked {@code --session-language} at CreateSession (core's {@code
 * SessionLanguage}, which the driver does not link) and sends that enum's argument value; this is
 * its driver-side counterpart, with the same constants.
 */
enum InterpreterLanguage {
    PYTHON,
    SCALA;

    /** @throws IllegalArgumentException naming the value when it names no language */
    static InterpreterLanguage fromConf(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + DriverSettings.SESSION_LANGUAGE + " (expected python or scala): " + value);
        }
    }
}
