package dev.epoxy.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop {@link FileSystem} for {@code s3://} that keeps objects in a local directory: {@code
 * s3://bucket/key} is the file {@code <root>/bucket/key}, where root is the Hadoop setting {@value
 * #ROOT_KEY}. Register it with {@code fs.s3.impl}.
 *
 * <p>Every operation delegates to Hadoop's {@link RawLocalFileSystem} (no {@code .crc} side files, so
 * the S3 endpoint serving the same directory lists only real objects). Paths are translated on the way
 * in, and statuses and error messages on the way out, so that callers (Spark's listing, globbing,
 * partition discovery, the output committer) only ever see {@code s3://} paths.
 */
public final class LocalS3FileSystem extends FileSystem {
    /** The Hadoop setting naming the local directory that holds one sub-directory per bucket. */
    public static final String ROOT_KEY = "fs.epoxy.s3.root";

    public static final String SCHEME = "s3";

    private final RawLocalFileSystem local = new RawLocalFileSystem();
    private URI uri;
    private String bucket;
    /** The root as an absolute local path string without a trailing slash. */
    private String root;
    private Path workingDirectory;
    private String owner;

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        String configuredRoot = conf.getTrimmed(ROOT_KEY, "");
        if (configuredRoot.isEmpty()) {
            throw new IOException("Cannot open " + name + ": the Hadoop setting " + ROOT_KEY
                    + " (spark.hadoop." + ROOT_KEY + ") naming the local directory for s3:// is not set");
        }
        bucket = name.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IOException("Invalid s3 path " + name + ": no bucket name (expected s3://bucket/key)");
        }
        uri = URI.create(SCHEME + "://" + bucket);
        local.initialize(URI.create("file:///"), conf);
        java.nio.file.Path rootPath = java.nio.file.Path.of(stripScheme(configuredRoot)).toAbsolutePath().normalize();
        root = rootPath.toString();
        java.nio.file.Files.createDirectories(rootPath);
        workingDirectory = new Path(SCHEME, bucket, "/");
        owner = UserGroupInformation.getCurrentUser().getShortUserName();
        setConf(conf);
    }

    private static String stripScheme(String configuredRoot) {
        return configuredRoot.startsWith("file:") ? URI.create(configuredRoot).getPath() : configuredRoot;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public void setWorkingDirectory(Path directory) {
        workingDirectory = qualify(directory);
    }

    @Override
    public long getDefaultBlockSize(Path path) {
        return local.getDefaultBlockSize(path);
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.open(toLocal(s3Path), bufferSize);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.create(toLocal(s3Path), permission, overwrite, bufferSize, replication, blockSize, progress);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path path, FsPermission permission, EnumSet<CreateFlag> flags,
            int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.createNonRecursive(toLocal(s3Path), permission, flags, bufferSize, replication, blockSize,
                    progress);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.append(toLocal(s3Path), bufferSize, progress);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean rename(Path source, Path target) throws IOException {
        Path s3Source = qualify(source);
        Path s3Target = qualify(target);
        try {
            return local.rename(toLocal(s3Source), toLocal(s3Target));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.delete(toLocal(s3Path), recursive);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        Path s3Path = qualify(path);
        FileStatus[] statuses;
        try {
            statuses = local.listStatus(toLocal(s3Path));
        } catch (IOException e) {
            throw translate(e);
        }
        FileStatus[] result = new FileStatus[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            result[i] = toS3Status(statuses[i]);
        }
        return result;
    }

    @Override
    public boolean mkdirs(Path path, FsPermission permission) throws IOException {
        Path s3Path = qualify(path);
        try {
            return local.mkdirs(toLocal(s3Path), permission);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        Path s3Path = qualify(path);
        try {
            return toS3Status(local.getFileStatus(toLocal(s3Path)));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void setTimes(Path path, long modificationTime, long accessTime) throws IOException {
        Path s3Path = qualify(path);
        try {
            local.setTimes(toLocal(s3Path), modificationTime, accessTime);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            local.close();
        } finally {
            super.close();
        }
    }

    @Override
    public String toString() {
        return "LocalS3FileSystem[" + uri + " -> " + root + "/" + bucket + "]";
    }

    /** The local path holding the object or prefix {@code path}, which must be an {@code s3://} path. */
    Path toLocal(Path path) {
        URI pathUri = qualify(path).toUri();
        String key = pathUri.getPath();
        if (key.isEmpty()) {
            key = "/";
        }
        String bucketDirectory = root + "/" + pathUri.getAuthority();
        Path local = new Path("file", null, bucketDirectory + key);
        // ".." segments must not reach outside the bucket's directory
        String localString = local.toUri().getPath();
        if (!localString.equals(bucketDirectory) && !localString.startsWith(bucketDirectory + "/")) {
            throw new IllegalArgumentException("Invalid s3 path " + path + ": the key leaves the bucket");
        }
        return local;
    }

    /** The {@code s3://} path of a local path under the root. */
    Path toS3(Path localPath) {
        String localString = localPath.toUri().getPath();
        String prefix = root + "/";
        if (!localString.startsWith(prefix)) {
            throw new IllegalArgumentException("Local path " + localPath + " is not under the s3 root " + root);
        }
        String relative = localString.substring(prefix.length());
        int slash = relative.indexOf('/');
        if (slash < 0) {
            return new Path(SCHEME, relative, "/");
        }
        return new Path(SCHEME, relative.substring(0, slash), relative.substring(slash));
    }

    private Path qualify(Path path) {
        Path qualified = path.makeQualified(uri, workingDirectory);
        if (!SCHEME.equals(qualified.toUri().getScheme())) {
            throw new IllegalArgumentException("Wrong FS: " + path + ", expected: " + uri);
        }
        return qualified;
    }

    // Permissions and owners are fixed, as with S3A: asking the local status for them would fork `ls`
    // per file (RawLocalFileSystem loads them lazily through a shell), and objects have none anyway.
    private FileStatus toS3Status(FileStatus localStatus) {
        boolean directory = localStatus.isDirectory();
        return new FileStatus(
                directory ? 0 : localStatus.getLen(),
                directory,
                1,
                localStatus.getBlockSize(),
                localStatus.getModificationTime(),
                localStatus.getAccessTime(),
                directory ? FsPermission.getDirDefault() : FsPermission.getFileDefault(),
                owner,
                owner,
                toS3(localStatus.getPath()));
    }

    /** Rewrites local paths in an error message to the user's {@code s3://} paths, keeping the type. */
    private IOException translate(IOException e) {
        String message = e.getMessage();
        if (message == null || !message.contains(root)) {
            return e;
        }
        String translated = message.replace("file:" + root + "/", SCHEME + "://").replace(root + "/", SCHEME + "://");
        IOException result;
        if (e instanceof FileNotFoundException) {
            result = new FileNotFoundException(translated);
        } else if (e instanceof FileAlreadyExistsException) {
            result = new FileAlreadyExistsException(translated);
        } else if (e instanceof ParentNotDirectoryException) {
            result = new ParentNotDirectoryException(translated);
        } else if (e instanceof PathIsNotEmptyDirectoryException) {
            result = new PathIsNotEmptyDirectoryException(translated);
        } else if (e.getClass() == IOException.class) {
            result = new IOException(translated);
        } else {
            return e;
        }
        result.initCause(e);
        return result;
    }
}
