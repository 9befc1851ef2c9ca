package dev.epoxy.core.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments a run's script gets. Glue's precedence (reference B6): the job's DefaultArguments,
 * replaced by the run's Arguments, replaced by the job's NonOverridableArguments (a run argument naming
 * a non-overridable one is ignored, as "not overridden" says). Then the server's own: {@code --JOB_NAME}
 * and {@code --JOB_RUN_ID} always (Glue reserves them), {@code --job-bookmark-option} and
 * {@code --TempDir} when nothing set them.
 */
public final class JobArguments {
    public static final String JOB_NAME = "--JOB_NAME";
    public static final String JOB_RUN_ID = "--JOB_RUN_ID";
    public static final String BOOKMARK_OPTION = "--job-bookmark-option";
    public static final String BOOKMARK_FROM = "--job-bookmark-from";
    public static final String BOOKMARK_TO = "--job-bookmark-to";
    public static final String TEMP_DIR = "--TempDir";

    private JobArguments() {}

    /** Defaults &lt; run arguments &lt; non-overridable arguments, in that insertion order. */
    public static Map<String, String> merge(Map<String, String> defaultArguments, Map<String, String> runArguments, Map<String, String> nonOverridableArguments) {
        Map<String, String> merged = new LinkedHashMap<>(defaultArguments);
        merged.putAll(runArguments);
        merged.putAll(nonOverridableArguments);
        return merged;
    }

    /** The merged arguments with the server's: the run's identity, the default bookmark option and temporary directory. */
    public static Map<String, String> withServerArguments(Map<String, String> merged, String jobName, String runId, String defaultTempDir) {
        Map<String, String> arguments = new LinkedHashMap<>(merged);
        arguments.put(JOB_NAME, jobName);
        arguments.put(JOB_RUN_ID, runId);
        arguments.putIfAbsent(BOOKMARK_OPTION, BookmarkOption.DISABLE.argument());
        arguments.putIfAbsent(TEMP_DIR, defaultTempDir);
        return arguments;
    }

    /** Glue's default {@code --TempDir}: {@code s3://aws-glue-assets-<account>-<region>/temporary/}. */
    public static String defaultTempDir(String accountId, String region) {
        return "s3://aws-glue-assets-" + accountId + "-" + region + "/temporary/";
    }
}
