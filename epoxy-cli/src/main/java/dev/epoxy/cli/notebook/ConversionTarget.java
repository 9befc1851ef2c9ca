package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

/**
 * What the converter cannot read from the notebook: the job's name, where its script will be
 * ({@code Command.ScriptLocation}: an {@code s3://} path or a local file) and the notebook's file name, which the
 * script and the job's description mention.
 */
public record ConversionTarget(String jobName, String scriptLocation, String notebookName) {
    public ConversionTarget {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(scriptLocation, "scriptLocation is null");
        requireNonNull(notebookName, "notebookName is null");
    }
}
