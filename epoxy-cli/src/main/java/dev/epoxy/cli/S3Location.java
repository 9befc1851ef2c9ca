package dev.epoxy.cli;

import static java.util.Objects.requireNonNull;

/** An object's place, {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {
    public S3Location {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    /**
     * The location {@code s3://bucket/key} names.
     *
     * @throws NotebookToJobOptions.UsageException when it is not an {@code s3://} path with a bucket and a key
     */
    public static S3Location parse(String location) {
        String rest;
        if (location.startsWith("s3://")) {
            rest = location.substring("s3://".length());
        }
        else {
            throw new NotebookToJobOptions.UsageException("--script-location " + location + ": not an s3://bucket/key path");
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.endsWith("/")) {
            throw new NotebookToJobOptions.UsageException("--script-location " + location + ": an s3:// path needs a bucket and a key "
                    + "(the script's object, not a folder), e.g. s3://scripts/my-job.py");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
