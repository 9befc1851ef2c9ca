package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code purge_s3_path}: deletes the files under a path recursively, except files modified in the
 * last {@code retentionPeriod} hours (default 168). {@code manifestFilePath} receives {@code
 * Success.csv} (deleted files) and {@code Failed.csv}; {@code excludeStorageClasses} is accepted
 * (local storage has one class).
 */
public final class S3Purger {
    private static final Logger LOG = LoggerFactory.getLogger(S3Purger.class);
    private static final long DEFAULT_RETENTION_HOURS = 168;

    private S3Purger() {}

    public static void purge(SparkSession spark, String path, JsonOptions options) {
        checkInput(path != null && !path.isBlank(), "s3_path is missing");
        long retentionHours = options.getLong("retentionPeriod", DEFAULT_RETENTION_HOURS);
        checkInput(retentionHours >= 0, "retentionPeriod must not be negative: %s", retentionHours);
        long cutoff = System.currentTimeMillis() - retentionHours * 3_600_000L;
        List<String> deleted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Path root = new Path(path);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                LOG.info("purge_s3_path: nothing to delete under {}", path);
                return;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            List<FileStatus> candidates = new ArrayList<>();
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (retentionHours == 0 || file.getModificationTime() < cutoff) {
                    candidates.add(file);
                }
            }
            for (FileStatus file : candidates) {
                if (fs.delete(file.getPath(), false)) {
                    deleted.add(file.getPath().toString());
                } else {
                    failed.add(file.getPath().toString());
                }
            }
            LOG.info("purge_s3_path: deleted {} files under {}", deleted.size(), path);
            if (options.has("manifestFilePath")) {
                Path manifest = new Path(options.getString("manifestFilePath", ""));
                FileSystem manifestFs = manifest.getFileSystem(spark.sparkContext().hadoopConfiguration());
                writeLines(manifestFs, new Path(manifest, "Success.csv"), deleted);
                writeLines(manifestFs, new Path(manifest, "Failed.csv"), failed);
            }
        } catch (IOException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, e, "Cannot purge %s: %s", path, e.getMessage());
        }
    }

    private static void writeLines(FileSystem fs, Path file, List<String> lines) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
