import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.bookmark.BookmarkFiles;
import dev.epoxy.glue.bookmark.BookmarkState;
import dev.epoxy.glue.bookmark.S3Bookmark;
import dev.epoxy.glue.job.Job;
import dev.epoxy.glue.job.JobRunSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Job bookmark overhead (issue 8 benchmark): an incremental run over a prefix with N old small JSON files
 * and M new ones, with a bookmark state that covers the old ones. Per round: Job.init, then the time to
 * plan the bookmarked read (getDynamicFrame: listing all N + M files, the bookmark filter, and the JSON
 * schema pass over the files it kept), then the count; and the number of files Spark opened, counted by a
 * file system that wraps the local one (scheme counted:), split into old and new. Only the M new files may
 * be opened. Medians over the rounds; the first round separately.
 *
 * Run from the repository root after `mvn -B -o -q -DskipTests package` (see benchmarks/run.py, bookmark_plan).
 */
public class BookmarkPlanBenchmark {
    private static final long OLD = 1_700_000_000_000L;
    private static final long NEW = OLD + 3_600_000L;

    /** The local file system under counted:, remembering the files opened for reading. */
    public static final class CountingFileSystem extends RawLocalFileSystem {
        static final Set<String> OPENED = ConcurrentHashMap.newKeySet();

        @Override
        public URI getUri() {
            return URI.create("counted:///");
        }

        @Override
        public String getScheme() {
            return "counted";
        }

        @Override
        public FSDataInputStream open(org.apache.hadoop.fs.Path file, int bufferSize) throws IOException {
            OPENED.add(file.toUri().getPath());
            return super.open(file, bufferSize);
        }
    }

    public static void main(String[] args) throws IOException {
        int oldFiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int newFiles = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Files.createTempDirectory("bookmark-plan");
        Path prefix = Files.createDirectories(root.resolve("in"));
        long setupStart = System.nanoTime();
        for (int i = 0; i < oldFiles; i++) {
            // Old files: one second apart, the latest at OLD (the state's mark).
            write(prefix.resolve(String.format("old-%06d.json", i)), i, OLD - (oldFiles - 1 - i) * 1000L);
        }
        for (int i = 0; i < newFiles; i++) {
            write(prefix.resolve(String.format("new-%06d.json", i)), oldFiles + i, NEW + i);
        }
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        String prefixUri = "counted:" + prefix.toAbsolutePath();
        Path stateFile = root.resolve("state.json");
        BookmarkFiles.write(stateFile, new BookmarkState("bench", Optional.of("jr_previous"), Map.of("events",
                new S3Bookmark(OLD, Set.of(prefixUri + String.format("/old-%06d.json", oldFiles - 1)), List.of(prefixUri)))));

        // The file system class lives in this source file's class loader: let Hadoop's Configuration find it.
        Thread.currentThread().setContextClassLoader(BookmarkPlanBenchmark.class.getClassLoader());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("bookmark-plan")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.hadoop.fs.counted.impl", CountingFileSystem.class.getName())
                .config(JobRunSettings.BOOKMARK_OPTION, "job-bookmark-enable")
                .config(JobRunSettings.BOOKMARK_STATE_FILE, stateFile.toString())
                .config(JobRunSettings.BOOKMARK_COMMIT_FILE, root.resolve("commit.json").toString())
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        GlueContext glue = new GlueContext(spark);
        String options = "{\"paths\": [\"" + prefixUri + "\"]}";
        List<Long> planMs = new ArrayList<>();
        List<Long> countMs = new ArrayList<>();
        long opened = 0;
        long openedOld = 0;
        long count = 0;
        for (int round = 0; round < rounds; round++) {
            CountingFileSystem.OPENED.clear();
            long start = System.nanoTime();
            Job.init(spark, "bench", null);
            DynamicFrame frame = glue.getSource("s3", options, "events", "").setFormat("json", JsonOptions.empty()).getDynamicFrame();
            long planned = System.nanoTime();
            count = frame.count();
            long counted = System.nanoTime();
            planMs.add((planned - start) / 1_000_000);
            countMs.add((counted - planned) / 1_000_000);
            opened = CountingFileSystem.OPENED.size();
            openedOld = CountingFileSystem.OPENED.stream().filter(path -> path.contains("/old-")).count();
            if (count != newFiles || openedOld != 0) {
                throw new IllegalStateException("Round " + round + " read " + count + " records and opened " + openedOld
                        + " old files; expected " + newFiles + " records and no old file");
            }
        }
        System.out.printf("{\"bookmark_plan\": {\"old_files\": %d, \"new_files\": %d, \"setup_s\": %.1f, \"rounds\": %d, "
                        + "\"first_plan_ms\": %d, \"plan_ms_median\": %d, \"first_count_ms\": %d, \"count_ms_median\": %d, "
                        + "\"records\": %d, \"files_opened\": %d, \"old_files_opened\": %d}}%n",
                oldFiles, newFiles, setupSeconds, rounds, planMs.get(0), median(planMs), countMs.get(0), median(countMs), count, opened,
                openedOld);
        spark.stop();
        deleteTree(root);
    }

    private static void write(Path file, int id, long mtime) throws IOException {
        Files.writeString(file, "{\"id\": " + id + "}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
