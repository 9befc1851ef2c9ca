package dev.epoxy.core.session;

import static dev.epoxy.core.Checks.checkInput;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The language statements of a session are written in, from {@code --session-language} (what the
 * Glue kernels send: {@code python} for Glue PySpark, {@code scala} for Glue Spark), and the language
 * of a job's script, from {@code --job-language}. The arguments are parsed here and nowhere else; the
 * driver receives {@link #argumentValue()}.
 */
public enum SessionLanguage {
    PYTHON("python"),
    SCALA("scala");

    /** The DefaultArguments key that names the language. */
    public static final String ARGUMENT = "--session-language";

    private final String argumentValue;

    SessionLanguage(String argumentValue) {
        this.argumentValue = argumentValue;
    }

    /** The value of {@code --session-language} (and of the driver's {@code spark.epoxy.session-language}). */
    public String argumentValue() {
        return argumentValue;
    }

    /**
     * The language a {@code --session-language} value names, case and surrounding blanks ignored.
     *
     * @throws dev.epoxy.core.EpoxyException INVALID_INPUT naming the value when it is no language
     */
    public static SessionLanguage fromArgument(String value) {
        return fromArgument(ARGUMENT, value);
    }

    /**
     * The language the value of argument {@code argument} ({@code --job-language} too) names.
     *
     * @throws dev.epoxy.core.EpoxyException INVALID_INPUT naming the argument and the value when it is no language
     */
    public static SessionLanguage fromArgument(String argument, String value) {
        requireNonNull(value, "value is null");
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        for (SessionLanguage language : values()) {
            if (language.argumentValue.equals(normalized)) {
                return language;
            }
        }
        checkInput(false, "Invalid %s in DefaultArguments: %s (expected one of %s)", argument, value,
                Arrays.stream(values()).map(SessionLanguage::argumentValue).collect(Collectors.joining(", ")));
        throw new AssertionError("unreachable");
    }
}
