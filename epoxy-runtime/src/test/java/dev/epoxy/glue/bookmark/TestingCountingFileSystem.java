package dev.epoxy.glue.bookmark;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code counted:}, remembering every file opened for reading, so
 * that tests can prove which files a read opened (in local mode Spark's tasks run in this JVM and share
 * the cached instance). Register with {@code fs.counted.impl}.
 */
public final class TestingCountingFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "counted";
    private static final List<String> OPENED = new CopyOnWriteArrayList<>();

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        OPENED.add(file.toUri().getPath());
        return super.open(file, bufferSize);
    }

    /** The local paths of the files opened since the last {@link #reset()}, once per open. */
    public static List<String> opened() {
        return List.copyOf(OPENED);
    }

    public static void reset() {
        OPENED.clear();
    }

    /** {@code counted:/the/local/path}. */
    public static String uri(java.nio.file.Path localPath) {
        return SCHEME + ":" + localPath.toAbsolutePath();
    }
}
