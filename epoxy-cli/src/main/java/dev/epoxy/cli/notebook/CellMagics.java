package dev.epoxy.cli.notebook;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's cell magics that configure the session: {@code %%configure} and {@code %%tags}. Their bodies are
 * Python literals ({@code ast.literal_eval} in the kernel), and {@code %%configure}'s keys map as the kernel's
 * {@code configure()} maps them to CreateSession, then to CreateJob's equivalents.
 */
final class CellMagics {
    private CellMagics() {}

    /** {@code %%configure}: the body starts on line {@code bodyLine} of the cell. */
    static MagicOutcome configure(NotebookCell cell, int bodyLine, String body, JobSettings settings) {
        Map<?, ?> configuration = dictionary(cell, bodyLine, "%%configure", body);
        for (Map.Entry<?, ?> entry : configuration.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw NotebookConversionException.inCell(cell, bodyLine, "%%%%configure: the key %s is not a string", PythonLiteral.str(entry.getKey()));
            }
            Value value = new Value(cell, bodyLine, key, entry.getValue());
            switch (key) {
                case "profile", "endpoint", "region", "session_id", "idle_timeout" -> { }
                case "iam_role" -> settings.role(value.text());
                case "max_capacity" -> settings.maxCapacity(value.decimal());
                case "number_of_workers" -> settings.numberOfWorkers(value.integer());
                case "worker_type" -> settings.workerType(value.text());
                case "security_config" -> settings.securityConfiguration(value.text());
                case "glue_version" -> settings.glueVersion(value.scalar());
                case "timeout" -> settings.timeoutMinutes(value.integer());
                case "connections" -> settings.connections(value.list().orElse(List.of()));
                case "extra_jars" -> value.list().ifPresent(jars -> settings.magicArgument("--extra-jars", String.join(",", jars)));
                case "tags" -> {
                    if (!(entry.getValue() instanceof Map<?, ?> tags)) {
                        throw NotebookConversionException.inCell(cell, bodyLine, "%%%%configure: \"tags\" must be a dict of strings");
                    }
                    addTags(cell, bodyLine, "%%configure \"tags\"", tags, settings);
                }
                default -> settings.configuredArgument(key, value.scalar().orElseThrow(() -> NotebookConversionException.inCell(cell, bodyLine,
                        "%%%%configure: \"%s\" is None; a job argument needs a value", key)));
            }
        }
        return new MagicOutcome("%%configure", "job settings from the keys below", false);
    }

    /** {@code %%tags}: a dict of strings, merged into the job's Tags. */
    static MagicOutcome tags(NotebookCell cell, int bodyLine, String body, JobSettings settings) {
        addTags(cell, bodyLine, "%%tags", dictionary(cell, bodyLine, "%%tags", body), settings);
        return MagicOutcome.setting("%%tags", "Tags");
    }

    private static void addTags(NotebookCell cell, int line, String magic, Map<?, ?> tags, JobSettings settings) {
        for (Map.Entry<?, ?> tag : tags.entrySet()) {
            if (!(tag.getKey() instanceof String key) || !(tag.getValue() instanceof String value)) {
                throw NotebookConversionException.inCell(cell, line, "%s: tag keys and values must be strings, found %s: %s", magic,
                        describe(tag.getKey()), describe(tag.getValue()));
            }
            // The kernel strips keys and values (_validate_dict).
            settings.addTag(key.strip(), value.strip());
        }
    }

    private static Map<?, ?> dictionary(NotebookCell cell, int bodyLine, String magic, String body) {
        Object parsed;
        try {
            parsed = PythonLiteral.parse(body);
        }
        catch (PythonLiteral.PythonLiteralException e) {
            throw NotebookConversionException.inCell(cell, bodyLine, "%s: the body is not a Python dict literal: %s", magic, e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw NotebookConversionException.inCell(cell, bodyLine, "%s: the body is not a dict but %s", magic, describe(parsed));
        }
        return map;
    }

    private static String describe(Object value) {
        String scalar = PythonLiteral.str(value);
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        return scalar != null ? scalar : value instanceof Map<?, ?> ? "a dict" : "a list";
    }

    /** A value of {@code %%configure}; Python's None clears the setting, as the kernel's setters do. */
    private record Value(NotebookCell cell, int line, String key, Object value) {
        Optional<String> text() {
            if (value == PythonLiteral.NONE) {
                return Optional.empty();
            }
            if (value instanceof String string) {
                return Optional.of(string);
            }
            throw wrong("a string");
        }

        /** Python's {@code str(value)} of a string, number or boolean. */
        Optional<String> scalar() {
            if (value == PythonLiteral.NONE) {
                return Optional.empty();
            }
            String scalar = PythonLiteral.str(value);
            if (scalar == null) {
                throw wrong("a string, number or boolean");
            }
            return Optional.of(scalar);
        }

        /** Python's {@code int(value)} of a whole number or a string of digits. */
        Optional<Integer> integer() {
            if (value == PythonLiteral.NONE) {
                return Optional.empty();
            }
            try {
                if (value instanceof BigInteger number) {
                    return Optional.of(number.intValueExact());
                }
                if (value instanceof Double number && number == Math.rint(number)) {
                    return Optional.of(Math.toIntExact((long) (double) number));
                }
                if (value instanceof String text) {
                    return Optional.of(Integer.parseInt(text.strip()));
                }
            }
            catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
            throw wrong("a whole number");
        }

        Optional<Double> decimal() {
            if (value == PythonLiteral.NONE) {
                return Optional.empty();
            }
            try {
                if (value instanceof BigInteger number) {
                    return Optional.of(number.doubleValue());
                }
                if (value instanceof Double number) {
                    return Optional.of(number);
                }
                if (value instanceof String text) {
                    return Optional.of(Double.parseDouble(text.strip()));
                }
            }
            catch (NumberFormatException e) {
                // reported below
            }
            throw wrong("a number");
        }

        /** A comma-separated string (what the kernel expects) or a list of strings. */
        Optional<List<String>> list() {
            if (value == PythonLiteral.NONE) {
                return Optional.empty();
            }
            List<String> items = new ArrayList<>();
            if (value instanceof String text) {
                for (String item : text.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                return Optional.of(items);
            }
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof String text)) {
                        throw wrong("a comma-separated string or a list of strings");
                    }
                    items.add(text.strip());
                }
                return Optional.of(items);
            }
            throw wrong("a comma-separated string or a list of strings");
        }

        private NotebookConversionException wrong(String expected) {
            return NotebookConversionException.inCell(cell, line, "%%%%configure: \"%s\" must be %s, found %s", key, expected, describe(value));
        }
    }
}
