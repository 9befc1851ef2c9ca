package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.server.storage.StorageSparkConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJobScripts {
    @TempDir
    Path home;
    private Path script;

    @BeforeEach
    void setUp() throws IOException {
        script = home.resolve("s3/scripts/etl/job.py");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "print(1)\n");
    }

    @Test
    void s3LocationIsTheFileUnderTheLocalS3Root() {
        assertThat(JobScripts.resolve("s3://scripts/etl/job.py", Map.of(), home)).isEqualTo(script);
        assertThat(JobScripts.resolve("s3a://scripts/etl/job.py", Map.of(), home)).isEqualTo(script);
    }

    @Test
    void configuredLocalRootWins() throws IOException {
        Path root = home.resolve("elsewhere");
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/x.py"), "");
        Map<String, String> conf = Map.of(StorageSparkConf.S3_IMPL, StorageSparkConf.LOCAL_S3_FILE_SYSTEM, StorageSparkConf.LOCAL_S3_ROOT, root.toString());
        assertThat(JobScripts.resolve("s3://b/x.py", conf, home)).isEqualTo(root.resolve("b/x.py"));
    }

    @Test
    void localPathsAndFileUrisAreUsedAsTheyAre() {
        assertThat(JobScripts.resolve(script.toString(), Map.of(), home)).isEqualTo(script);
        assertThat(JobScripts.resolve(script.toUri().toString(), Map.of(), home)).isEqualTo(script);
    }

    @Test
    void whatIsNotThereOrOutsideItsBucketDoesNotExist() {
        assertMissing("s3://scripts/etl/other.py");
        assertMissing("s3://scripts/");
        assertMissing("s3://scripts");
        assertMissing("s3://scripts/../s3/scripts/etl/job.py");
        assertMissing("s3://other/../scripts/etl/job.py");
        assertMissing(home.resolve("s3/scripts/etl").toString());
    }

    @Test
    void otherSchemesAndRemoteStorageAreRefusedByName() {
        assertThatThrownBy(() -> JobScripts.resolve("https://example.com/job.py", Map.of(), home))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("ScriptLocation https://example.com/job.py is neither an s3:// path nor a local path");
        assertThatThrownBy(() -> JobScripts.resolve("s3://scripts/etl/job.py", Map.of(StorageSparkConf.S3_IMPL, StorageSparkConf.S3A_FILE_SYSTEM), home))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("ScriptLocation s3://scripts/etl/job.py cannot be read: the server's storage is remote (epoxy.storage.s3-mode=s3a); give a local path");
    }

    private void assertMissing(String location) {
        assertThatThrownBy(() -> JobScripts.resolve(location, Map.of(), home))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("ScriptLocation %s does not exist", location);
    }
}
