package dev.epoxy.cli;

import static java.util.Objects.requireNonNull;

import dev.epoxy.cli.notebook.ConversionTarget;
import dev.epoxy.cli.notebook.ConvertedNotebook;
import dev.epoxy.cli.notebook.JobDefinition;
import dev.epoxy.cli.notebook.JobDefinitionJson;
import dev.epoxy.cli.notebook.NotebookConversionException;
import dev.epoxy.cli.notebook.NotebookConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code ./epoxy notebook-to-job}: converts the notebook, writes {@code NAME.py} and {@code NAME.job.json}, and, as
 * asked, uploads the script to Epoxy's S3 endpoint, registers the job (CreateJob, or UpdateJob when it exists) and
 * starts a run. Every failure is a {@link CommandException} with a one-line message.
 */
public final class NotebookToJobCommand {
    private final NotebookToJobOptions options;
    private final PrintStream out;

    public NotebookToJobCommand(NotebookToJobOptions options, PrintStream out) {
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Runs the command.
     *
     * @throws CommandException when a step fails: the notebook cannot be read or converted, a file cannot be written,
     *         the server cannot be reached or refuses a request
     */
    public void run() {
        String notebookJson = readNotebook();
        Path scriptFile = options.scriptFile().toAbsolutePath().normalize();
        String scriptLocation = options.scriptLocation().map(S3Location::toString).orElse(scriptFile.toString());
        ConvertedNotebook converted;
        try {
            converted = NotebookConverter.convert(notebookJson,
                    new ConversionTarget(options.jobName(), scriptLocation, options.notebook().getFileName().toString()));
        }
        catch (NotebookConversionException e) {
            throw new CommandException(options.notebook() + ": " + e.getMessage());
        }
        JobDefinition job = options.role().map(converted.job()::withRole).orElse(converted.job());

        write(scriptFile, converted.script());
        Path definitionFile = options.definitionFile().toAbsolutePath().normalize();
        write(definitionFile, JobDefinitionJson.write(job));
        out.println("Wrote " + scriptFile + " (the job script) and " + definitionFile + " (its CreateJob request).");
        if (!converted.droppedMagics().isEmpty()) {
            out.println("Dropped (no meaning for a job; comments in the script say why): " + String.join(", ", converted.droppedMagics()));
        }

        if (options.scriptLocation().isEmpty() && !options.create()) {
            return;
        }
        try (EpoxyClients clients = new EpoxyClients(options.endpoint(), options.s3Endpoint())) {
            if (options.scriptLocation().isPresent()) {
                upload(clients, options.scriptLocation().get(), converted.script());
            }
            else {
                out.println("The job runs the local file " + scriptFile + " (give --script-location s3://bucket/key to upload it).");
            }
            if (options.create()) {
                register(clients, job);
            }
            if (options.start()) {
                start(clients, job);
            }
        }
    }

    private String readNotebook() {
        try {
            return Files.readString(options.notebook(), StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new CommandException(options.notebook() + ": no such file");
        }
        catch (MalformedInputException e) {
            throw new CommandException(options.notebook() + ": not a notebook (not UTF-8 text)");
        }
        catch (IOException e) {
            throw new CommandException(options.notebook() + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new CommandException("Cannot write " + file + " (" + e + ")");
        }
    }

    private void upload(EpoxyClients clients, S3Location location, String script) {
        PutObjectRequest put = PutObjectRequest.builder().bucket(location.bucket()).key(location.key()).contentType("text/x-python").build();
        try (S3Client s3 = clients.s3()) {
            // Epoxy's buckets are directories that Spark also creates on first write; the script's may not exist
            // yet, and a PUT into a missing bucket would fail with NoSuchBucket.
            if (!bucketExists(s3, location.bucket())) {
                s3.createBucket(request -> request.bucket(location.bucket()));
                out.println("Created the bucket " + location.bucket() + ".");
            }
            s3.putObject(put, RequestBody.fromString(script, StandardCharsets.UTF_8));
            out.println("Uploaded the script to " + location + " (S3 endpoint " + clients.s3Endpoint() + ").");
        }
        catch (SdkClientException e) {
            throw unreachable("S3", clients.s3Endpoint(), e);
        }
        catch (AwsServiceException e) {
            throw refused("Uploading the script to " + location, e);
        }
    }

    private static boolean bucketExists(S3Client s3, String bucket) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return true;
        }
        catch (NoSuchBucketException e) {
            return false;
        }
        catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void register(EpoxyClients clients, JobDefinition job) {
        try (GlueClient glue = clients.glue()) {
            try {
                glue.createJob(JobRequests.createJob(job));
                out.println("Created the job " + job.name() + " (Glue endpoint " + clients.glueEndpoint() + ").");
            }
            catch (AlreadyExistsException e) {
                glue.updateJob(JobRequests.updateJob(job));
                out.println("Updated the job " + job.name() + " (Glue endpoint " + clients.glueEndpoint() + "); its tags stay as they were.");
            }
        }
        catch (SdkClientException e) {
            throw unreachable("Glue", clients.glueEndpoint(), e);
        }
        catch (AwsServiceException e) {
            throw refused("Registering the job " + job.name(), e);
        }
    }

    private void start(EpoxyClients clients, JobDefinition job) {
        String runId;
        try (GlueClient glue = clients.glue()) {
            runId = glue.startJobRun(StartJobRunRequest.builder().jobName(job.name()).arguments(options.arguments()).build()).jobRunId();
        }
        catch (SdkClientException e) {
            throw unreachable("Glue", clients.glueEndpoint(), e);
        }
        catch (AwsServiceException e) {
            throw refused("Starting a run of " + job.name(), e);
        }
        out.println("Started the run " + runId + " of the job " + job.name() + ". Follow it with:");
        out.println("  aws glue get-job-run --job-name " + job.name() + " --run-id " + runId + " --endpoint-url " + clients.glueEndpoint());
        out.println("  ./epoxy job-log " + runId);
    }

    private static CommandException unreachable(String api, URI endpoint, SdkClientException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new CommandException("Cannot reach Epoxy's " + api + " endpoint at " + endpoint + " (" + reason
                + "); is ./epoxy server running there? (--endpoint / --s3-endpoint)");
    }

    private static CommandException refused(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return new CommandException(action + " failed: " + code + ": " + message);
    }

    /** A step of the command failed; the message is the one line the user sees. */
    public static final class CommandException extends RuntimeException {
        public CommandException(String message) {
            super(message);
        }
    }
}
