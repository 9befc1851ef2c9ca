package dev.epoxy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code ./epoxy notebook-to-job}. {@code --start} implies {@code --create}: a run needs the job
 * as converted now.
 *
 * @param scriptLocation where to upload the script ({@code s3://bucket/key}); empty: the job runs the local file
 * @param role the job's Role, over the notebook's {@code %iam_role}
 * @param arguments the run's Arguments ({@code --start} only)
 */
public record NotebookToJobOptions(
        Path notebook,
        String jobName,
        Path outputDirectory,
        Optional<S3Location> scriptLocation,
        Optional<String> role,
        boolean create,
        boolean start,
        Map<String, String> arguments,
        URI endpoint,
        URI s3Endpoint) {
    public static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:9911");
    public static final URI DEFAULT_S3_ENDPOINT = URI.create("http://127.0.0.1:9912");
    public static final String USAGE = "usage: ./epoxy notebook-to-job NOTEBOOK.ipynb --job-name NAME [--output-dir DIR] "
            + "[--script-location s3://bucket/key] [--role ARN] [--create] [--start [--arguments JSON]] [--endpoint URL] [--s3-endpoint URL]";

    private static final ObjectMapper JSON = new ObjectMapper();

    public NotebookToJobOptions {
        requireNonNull(notebook, "notebook is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        requireNonNull(scriptLocation, "scriptLocation is null");
        requireNonNull(role, "role is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(s3Endpoint, "s3Endpoint is null");
    }

    /** The job's script file: {@code NAME.py} in the output directory. */
    public Path scriptFile() {
        return outputDirectory.resolve(jobName + ".py");
    }

    /** The job's CreateJob document: {@code NAME.job.json} in the output directory. */
    public Path definitionFile() {
        return outputDirectory.resolve(jobName + ".job.json");
    }

    /**
     * The options the arguments give.
     *
     * @throws UsageException naming the wrong or missing argument
     */
    public static NotebookToJobOptions parse(List<String> args) {
        Path notebook = null;
        String jobName = null;
        Path outputDirectory = Path.of(".");
        Optional<S3Location> scriptLocation = Optional.empty();
        Optional<String> role = Optional.empty();
        boolean create = false;
        boolean start = false;
        Optional<String> arguments = Optional.empty();
        URI endpoint = DEFAULT_ENDPOINT;
        URI s3Endpoint = DEFAULT_S3_ENDPOINT;
        Iterator<String> remaining = args.iterator();
        while (remaining.hasNext()) {
            String arg = remaining.next();
            String flag = arg;
            Optional<String> inline = Optional.empty();
            if (arg.startsWith("--") && arg.contains("=")) {
                flag = arg.substring(0, arg.indexOf('='));
                inline = Optional.of(arg.substring(arg.indexOf('=') + 1));
            }
            switch (flag) {
                case "--job-name" -> jobName = jobName(value(flag, inline, remaining));
                case "--output-dir" -> outputDirectory = Path.of(value(flag, inline, remaining));
                case "--script-location" -> scriptLocation = Optional.of(S3Location.parse(value(flag, inline, remaining)));
                case "--role" -> role = Optional.of(nonBlank(flag, value(flag, inline, remaining)));
                case "--create" -> create = noValue(flag, inline);
                case "--start" -> start = noValue(flag, inline);
                case "--arguments" -> arguments = Optional.of(value(flag, inline, remaining));
                case "--endpoint" -> endpoint = url(flag, value(flag, inline, remaining));
                case "--s3-endpoint" -> s3Endpoint = url(flag, value(flag, inline, remaining));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + flag);
                    }
                    if (notebook != null) {
                        throw new UsageException("one notebook at a time: " + notebook + " and " + arg);
                    }
                    notebook = Path.of(arg);
                }
            }
        }
        if (notebook == null) {
            throw new UsageException("the notebook (NOTEBOOK.ipynb) is missing");
        }
        if (jobName == null) {
            throw new UsageException("--job-name is missing");
        }
        if (arguments.isPresent() && !start) {
            throw new UsageException("--arguments are the run's: they need --start");
        }
        return new NotebookToJobOptions(notebook, jobName, outputDirectory, scriptLocation, role, create || start, start,
                arguments.map(NotebookToJobOptions::runArguments).orElse(Map.of()), endpoint, s3Endpoint);
    }

    private static String value(String flag, Optional<String> inline, Iterator<String> remaining) {
        if (inline.isPresent()) {
            return inline.get();
        }
        if (!remaining.hasNext()) {
            throw new UsageException(flag + " needs a value");
        }
        return remaining.next();
    }

    private static boolean noValue(String flag, Optional<String> inline) {
        if (inline.isPresent()) {
            throw new UsageException(flag + " takes no value");
        }
        return true;
    }

    private static String nonBlank(String flag, String value) {
        if (value.isBlank()) {
            throw new UsageException(flag + " is empty");
        }
        return value;
    }

    /** A job name that is also a file name: Glue's NameString (1 to 255 characters, no control characters) without path separators. */
    private static String jobName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new UsageException("Invalid --job-name '" + name + "': it must have 1 to 255 characters");
        }
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new UsageException("Invalid --job-name '" + name + "': it names the script file NAME.py, so it cannot hold / or \\, "
                    + "control characters, or be . or ..");
        }
        return name;
    }

    private static URI url(String flag, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException(flag + " " + value + ": not an http:// or https:// URL");
            }
            return uri;
        }
        catch (URISyntaxException e) {
            throw new UsageException(flag + " " + value + ": not an http:// or https:// URL");
        }
    }

    /** {@code --arguments '{"--output_path": "s3://…"}'}: a JSON object of strings, as the AWS CLI takes it. */
    private static Map<String, String> runArguments(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new UsageException("--arguments is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UsageException("--arguments must be a JSON object, e.g. '{\"--output_path\": \"s3://bucket/out/\"}'");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new UsageException("--arguments: the value of " + field.getKey() + " must be a string, as job arguments are");
            }
            arguments.put(field.getKey(), field.getValue().textValue());
        }
        return arguments;
    }

    /** A wrong command line; the message names the argument. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
