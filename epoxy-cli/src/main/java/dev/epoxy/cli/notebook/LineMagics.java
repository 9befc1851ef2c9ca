package dev.epoxy.cli.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The line magics of the official kernel (aws-glue-sessions 1.0.9, plus the 0.x names old notebooks still
 * carry), each applied to the job's settings the way the kernel applies it to CreateSession. Arguments are read
 * as the kernel reads them: surrounding quotes stripped, lists comma-separated (optionally in brackets).
 */
final class LineMagics {
    private static final String SESSION_ONLY = "a setting of the interactive session, not of a job";
    private static final String DISPLAY_ONLY = "it only shows something in the notebook";
    private static final String CLIENT_ONLY = "it configures the notebook's connection to Glue, not the job";

    /** Magics of the kernel that mean nothing for a job. */
    private static final Set<String> SESSION_MAGICS = Set.of("idle_timeout", "session_id_prefix", "session_id", "stop_session",
            "reconnect", "delete_session", "new_session", "terminate_session", "disconnect", "reauthenticate");
    private static final Set<String> DISPLAY_MAGICS = Set.of("status", "list_sessions", "help", "matplot", "plotly");
    private static final Set<String> CLIENT_MAGICS = Set.of("profile", "region", "endpoint");
    /** IPython's own magics that the kernel runs on the notebook's machine: they never reached the session. */
    private static final Set<String> LOCAL_MAGICS = Set.of("pip", "conda", "env", "who", "whos", "lsmagic", "matplotlib", "load_ext",
            "reload_ext", "autoreload");

    private LineMagics() {}

    /**
     * Applies {@code %name argument} (line {@code lineNumber} of {@code cell}) to {@code settings}.
     *
     * @throws NotebookConversionException for an unknown magic, or an argument the kernel would not accept
     */
    static MagicOutcome apply(NotebookCell cell, int lineNumber, String line, JobSettings settings) {
        String body = line.substring(1);
        int space = indexOfWhitespace(body);
        String name = space < 0 ? body : body.substring(0, space);
        String argument = space < 0 ? "" : body.substring(space).strip();
        String magic = "%" + name;
        Arguments arguments = new Arguments(cell, lineNumber, magic, argument);
        switch (name) {
            case "glue_version":
                settings.glueVersion(Optional.of(arguments.required("a Glue version")));
                return MagicOutcome.setting(magic, "GlueVersion");
            case "worker_type":
                settings.workerType(Optional.of(arguments.required("a worker type")));
                return MagicOutcome.setting(magic, "WorkerType");
            case "number_of_workers":
                settings.numberOfWorkers(Optional.of(arguments.integer()));
                return MagicOutcome.setting(magic, "NumberOfWorkers");
            case "max_capacity":
                settings.maxCapacity(Optional.of(arguments.decimal()));
                return MagicOutcome.setting(magic, "MaxCapacity");
            case "timeout":
                settings.timeoutMinutes(Optional.of(arguments.integer()));
                return MagicOutcome.setting(magic, "Timeout");
            case "iam_role":
                settings.role(Optional.of(arguments.required("a role ARN")));
                return MagicOutcome.setting(magic, "Role");
            case "security_config":
                settings.securityConfiguration(Optional.of(arguments.required("a security configuration name")));
                return MagicOutcome.setting(magic, "SecurityConfiguration");
            case "connections":
                return arguments.list().map(values -> {
                    settings.connections(values);
                    return MagicOutcome.setting(magic, "Connections");
                }).orElseGet(() -> MagicOutcome.dropped(magic, "no connections given"));
            case "extra_py_files":
                return listArgument(arguments, settings, "--extra-py-files");
            case "extra_jars":
                return listArgument(arguments, settings, "--extra-jars");
            case "additional_python_modules":
                return listArgument(arguments, settings, "--additional-python-modules");
            case "spark_conf":
                if (argument.isEmpty()) {
                    return MagicOutcome.dropped(magic, DISPLAY_ONLY);
                }
                // The kernel passes the line as written: "k=v --conf k2=v2".
                settings.magicArgument("--conf", argument);
                return MagicOutcome.setting(magic, "DefaultArguments --conf");
            case "temp_dir":
                settings.magicArgument("--TempDir", arguments.required("an s3:// path"));
                return MagicOutcome.setting(magic, "DefaultArguments --TempDir");
            case "enable_glue_datacatalog":
                settings.magicArgument("--enable-glue-datacatalog", "true");
                return MagicOutcome.setting(magic, "DefaultArguments --enable-glue-datacatalog");
            case "etl":
                settings.type(JobType.ETL);
                return MagicOutcome.setting(magic, "Command.Name glueetl");
            case "streaming":
                settings.type(JobType.STREAMING);
                return MagicOutcome.setting(magic, "Command.Name gluestreaming");
            case "session_type", "job_type":
                String typeName = arguments.required("etl or streaming");
                JobType type = JobType.fromName(typeName).orElseThrow(() -> NotebookConversionException.inCell(cell, lineNumber,
                        "%s %s: unsupported session type (the kernel knows etl and streaming)", magic, typeName));
                settings.type(type);
                return MagicOutcome.setting(magic, "Command.Name " + type.commandName());
            default:
                break;
        }
        if (SESSION_MAGICS.contains(name)) {
            return MagicOutcome.dropped(magic, SESSION_ONLY);
        }
        if (DISPLAY_MAGICS.contains(name)) {
            return MagicOutcome.dropped(magic, DISPLAY_ONLY);
        }
        if (CLIENT_MAGICS.contains(name)) {
            return MagicOutcome.dropped(magic, CLIENT_ONLY);
        }
        if (LOCAL_MAGICS.contains(name)) {
            return MagicOutcome.dropped(magic, "IPython ran it on the notebook's machine; it never reached the session");
        }
        throw NotebookConversionException.inCell(cell, lineNumber, "unknown magic %s (not a magic of the Glue kernel; remove the line or "
                + "replace it with Python code)", magic);
    }

    private static MagicOutcome listArgument(Arguments arguments, JobSettings settings, String key) {
        return arguments.list().map(values -> {
            settings.magicArgument(key, String.join(",", values));
            return MagicOutcome.setting(arguments.magic(), "DefaultArguments " + key);
        }).orElseGet(() -> MagicOutcome.dropped(arguments.magic(), "no values given"));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** One magic's argument, read as the kernel's KernelMagics reads it. */
    private record Arguments(NotebookCell cell, int lineNumber, String magic, String raw) {
        /** The argument with surrounding double, then single quotes stripped (the kernel's {@code _strip_quotes}). */
        String stripped() {
            return strip(strip(raw, '"'), '\'');
        }

        String required(String what) {
            String value = stripped();
            if (value.isEmpty()) {
                throw NotebookConversionException.inCell(cell, lineNumber, "%s needs %s", magic, what);
            }
            return value;
        }

        int integer() {
            String value = required("a whole number");
            try {
                return Integer.parseInt(value.strip());
            }
            catch (NumberFormatException e) {
                throw NotebookConversionException.inCell(cell, lineNumber, "%s %s: not a whole number", magic, value);
            }
        }

        double decimal() {
            String value = required("a number");
            try {
                return Double.parseDouble(value.strip());
            }
            catch (NumberFormatException e) {
                throw NotebookConversionException.inCell(cell, lineNumber, "%s %s: not a number", magic, value);
            }
        }

        /**
         * The comma-separated values (brackets around them allowed), or empty when none is given. As in the kernel, an
         * empty value is refused, and so is a value with a blank unless it holds {@code --} (pip options).
         */
        Optional<List<String>> list() {
            String value = stripped();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String inner = strip(strip(value, '['), ']');
            List<String> values = new ArrayList<>();
            for (String item : inner.split(",", -1)) {
                String trimmed = item.strip();
                if (trimmed.isEmpty()) {
                    throw NotebookConversionException.inCell(cell, lineNumber, "%s %s: empty values are not allowed", magic, raw);
                }
                if (trimmed.contains(" ") && !trimmed.contains("--")) {
                    throw NotebookConversionException.inCell(cell, lineNumber, "%s %s: the value '%s' contains a blank", magic, raw, trimmed);
                }
                values.add(trimmed);
            }
            return Optional.of(values);
        }

        /** Python's {@code str.strip(c)}: every leading and trailing {@code c}. */
        private static String strip(String text, char c) {
            int start = 0;
            int end = text.length();
            while (start < end && text.charAt(start) == c) {
                start++;
            }
            while (end > start && text.charAt(end - 1) == c) {
                end--;
            }
            return text.substring(start, end);
        }
    }
}
