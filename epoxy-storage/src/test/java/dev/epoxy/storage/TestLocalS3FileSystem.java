package dev.epoxy.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalS3FileSystem {
    @TempDir
    java.nio.file.Path home;

    private java.nio.file.Path root;
    private FileSystem fs;

    @BeforeEach
    void setUp() throws IOException {
        root = home.resolve("s3");
        fs = FileSystem.newInstance(URI.create("s3://bucket/"), configuration(root.toString()));
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    static Configuration configuration(String root) {
        Configuration conf = new Configuration(false);
        conf.set("fs.s3.impl", LocalS3FileSystem.class.getName());
        conf.set(LocalS3FileSystem.ROOT_KEY, root);
        return conf;
    }

    @Test
    void missingRootDirectoryIsCreated() {
        assertThat(root).isDirectory();
        assertThat(fs).isInstanceOf(LocalS3FileSystem.class);
        assertThat(fs.getUri()).isEqualTo(URI.create("s3://bucket"));
    }

    @Test
    void missingRootSettingFailsNamingTheSetting() {
        assertThatThrownBy(() -> FileSystem.newInstance(URI.create("s3://bucket/"), configuration("")))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot open s3://bucket/: the Hadoop setting fs.epoxy.s3.root (spark.hadoop.fs.epoxy.s3.root)"
                        + " naming the local directory for s3:// is not set");
    }

    @Test
    void rootGivenAsFileUriIsAccepted() throws IOException {
        java.nio.file.Path other = home.resolve("other-root");
        try (FileSystem otherFs = FileSystem.newInstance(URI.create("s3://b2/"), configuration(other.toUri().toString()))) {
            write(otherFs, new Path("s3://b2/k.txt"), "v");
        }
        assertThat(other.resolve("b2/k.txt")).hasContent("v");
    }

    @Test
    void createdObjectIsTheFileUnderRootAndBucket() throws IOException {
        write(fs, new Path("s3://bucket/a/b/c.txt"), "hello");

        assertThat(root.resolve("bucket/a/b/c.txt")).hasContent("hello");
        assertThat(read(fs, new Path("s3://bucket/a/b/c.txt"))).isEqualTo("hello");
        // no checksum side files: the S3 endpoint lists only real objects
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Object::toString))
                    .containsExactly("bucket/a/b/c.txt");
        }
    }

    @Test
    void fileCreatedOnDiskIsVisibleWithItsS3Path() throws IOException {
        Files.createDirectories(root.resolve("bucket/dir"));
        Files.writeString(root.resolve("bucket/dir/x.json"), "{\"a\":1}\n");

        FileStatus status = fs.getFileStatus(new Path("s3://bucket/dir/x.json"));
        assertThat(status.getPath()).isEqualTo(new Path("s3://bucket/dir/x.json"));
        assertThat(status.isFile()).isTrue();
        assertThat(status.getLen()).isEqualTo(8);
        assertThat(status.getModificationTime())
                .isEqualTo(Files.getLastModifiedTime(root.resolve("bucket/dir/x.json")).toMillis());
    }

    @Test
    void listingReturnsS3Paths() throws IOException {
        write(fs, new Path("s3://bucket/data/one.json"), "1");
        write(fs, new Path("s3://bucket/data/two.json"), "22");
        fs.mkdirs(new Path("s3://bucket/data/sub"));

        FileStatus[] statuses = fs.listStatus(new Path("s3://bucket/data"));

        assertThat(Arrays.stream(statuses).map(status -> status.getPath().toString()))
                .containsExactlyInAnyOrder("s3://bucket/data/one.json", "s3://bucket/data/two.json", "s3://bucket/data/sub");
        assertThat(Arrays.stream(statuses).filter(FileStatus::isDirectory).map(status -> status.getPath().getName()))
                .containsExactly("sub");
    }

    @Test
    void recursiveListingReturnsEveryFile() throws IOException {
        write(fs, new Path("s3://bucket/t/region=eu/part-0.json"), "a");
        write(fs, new Path("s3://bucket/t/region=us/part-0.json"), "b");
        write(fs, new Path("s3://bucket/t/region=us/nested/deeper/part-1.json"), "c");

        List<String> found = new java.util.ArrayList<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(new Path("s3://bucket/t"), true);
        while (files.hasNext()) {
            found.add(files.next().getPath().toString());
        }

        assertThat(found).containsExactlyInAnyOrder(
                "s3://bucket/t/region=eu/part-0.json",
                "s3://bucket/t/region=us/part-0.json",
                "s3://bucket/t/region=us/nested/deeper/part-1.json");
    }

    @Test
    void globMatchesS3Paths() throws IOException {
        write(fs, new Path("s3://bucket/data/a.json"), "1");
        write(fs, new Path("s3://bucket/data/b.json"), "2");
        write(fs, new Path("s3://bucket/data/c.csv"), "3");

        FileStatus[] matched = fs.globStatus(new Path("s3://bucket/data/*.json"));

        assertThat(Arrays.stream(matched).map(status -> status.getPath().toString()))
                .containsExactlyInAnyOrder("s3://bucket/data/a.json", "s3://bucket/data/b.json");
    }

    @Test
    void bucketRootWithAndWithoutTrailingSlash() throws IOException {
        write(fs, new Path("s3://bucket/top.txt"), "t");

        for (String bucketRoot : List.of("s3://bucket/", "s3://bucket")) {
            FileStatus status = fs.getFileStatus(new Path(bucketRoot));
            assertThat(status.isDirectory()).as(bucketRoot).isTrue();
            assertThat(status.getPath().toString()).as(bucketRoot).isEqualTo("s3://bucket/");
            assertThat(Arrays.stream(fs.listStatus(new Path(bucketRoot))).map(child -> child.getPath().toString()))
                    .as(bucketRoot)
                    .containsExactly("s3://bucket/top.txt");
        }
    }

    @Test
    void keysWithSpacesAndEqualsSigns() throws IOException {
        Path path = new Path("s3://bucket/my dir/key=value/file name.txt");
        write(fs, path, "spaced");

        assertThat(root.resolve("bucket/my dir/key=value/file name.txt")).hasContent("spaced");
        FileStatus[] listed = fs.listStatus(new Path("s3://bucket/my dir/key=value"));
        assertThat(listed).hasSize(1);
        assertThat(listed[0].getPath()).isEqualTo(path);
        assertThat(listed[0].getPath().getName()).isEqualTo("file name.txt");
        assertThat(read(fs, listed[0].getPath())).isEqualTo("spaced");
    }

    @Test
    void renameMovesTheLocalFile() throws IOException {
        write(fs, new Path("s3://bucket/from/x.txt"), "moved");

        assertThat(fs.rename(new Path("s3://bucket/from"), new Path("s3://bucket/to"))).isTrue();

        assertThat(root.resolve("bucket/from")).doesNotExist();
        assertThat(root.resolve("bucket/to/x.txt")).hasContent("moved");
        assertThat(fs.exists(new Path("s3://bucket/to/x.txt"))).isTrue();
    }

    @Test
    void deleteRemovesFilesAndDirectories() throws IOException {
        write(fs, new Path("s3://bucket/d/1.txt"), "1");
        write(fs, new Path("s3://bucket/d/e/2.txt"), "2");

        assertThat(fs.delete(new Path("s3://bucket/d/1.txt"), false)).isTrue();
        assertThat(root.resolve("bucket/d/1.txt")).doesNotExist();
        assertThat(fs.delete(new Path("s3://bucket/d"), true)).isTrue();
        assertThat(root.resolve("bucket/d")).doesNotExist();
        assertThat(fs.delete(new Path("s3://bucket/never"), true)).isFalse();
    }

    @Test
    void mkdirsCreatesLocalDirectories() throws IOException {
        assertThat(fs.mkdirs(new Path("s3://bucket/x/y/z"))).isTrue();

        assertThat(root.resolve("bucket/x/y/z")).isDirectory();
        assertThat(fs.getFileStatus(new Path("s3://bucket/x/y")).isDirectory()).isTrue();
    }

    @Test
    void appendExtendsTheFile() throws IOException {
        write(fs, new Path("s3://bucket/log.txt"), "one");
        try (FSDataOutputStream out = fs.append(new Path("s3://bucket/log.txt"))) {
            out.write("two".getBytes(UTF_8));
        }
        assertThat(root.resolve("bucket/log.txt")).hasContent("onetwo");
    }

    @Test
    void createWithoutOverwriteOfExistingFileNamesTheS3Path() throws IOException {
        write(fs, new Path("s3://bucket/once.txt"), "1");

        assertThatThrownBy(() -> fs.create(new Path("s3://bucket/once.txt"), false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("s3://bucket/once.txt")
                .hasMessageNotContaining(root.toString());
    }

    @Test
    void missingPathErrorsNameTheS3Path() {
        assertThatThrownBy(() -> fs.getFileStatus(new Path("s3://bucket/no/such.json")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("File s3://bucket/no/such.json does not exist");
        assertThatThrownBy(() -> fs.listStatus(new Path("s3://bucket/no/dir")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("File s3://bucket/no/dir does not exist");
        assertThatThrownBy(() -> fs.open(new Path("s3://bucket/no/such.json")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("s3://bucket/no/such.json")
                .hasMessageNotContaining(root.toString());
    }

    @Test
    void keyCannotLeaveTheBucket() {
        assertThatThrownBy(() -> fs.getFileStatus(new Path("s3://bucket/../../etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid s3 path s3://bucket/../../etc/passwd: the key leaves the bucket");
    }

    @Test
    void missingBucketIsNotFound() {
        assertThatThrownBy(() -> fs.getFileStatus(new Path("s3://bucket/")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("File s3://bucket does not exist");
    }

    @Test
    void otherBucketOfTheSameRootIsSeparateDirectory() throws IOException {
        try (FileSystem other = FileSystem.newInstance(URI.create("s3://other/"), configuration(root.toString()))) {
            write(other, new Path("s3://other/k"), "o");
            assertThat(fs.exists(new Path("s3://bucket/k"))).isFalse();
        }
        assertThat(root.resolve("other/k")).hasContent("o");
    }

    @Test
    void s3aIsNotTakenOver() throws IOException {
        Configuration conf = configuration(root.toString());
        assertThat(conf.get("fs.s3a.impl")).isNull();
        assertThat(FileSystem.getFileSystemClass("s3", conf)).isEqualTo(LocalS3FileSystem.class);
    }

    static void write(FileSystem fs, Path path, String content) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(content.getBytes(UTF_8));
        }
    }

    static String read(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
