package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.server.storage.StorageSparkConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPythonShellFiles {
    @TempDir
    Path home;

    @Test
    void modulesShareOneDirectoryArchivesGoOnThePathThemselvesInTheArgumentsOrder() throws Exception {
        Path bucket = StorageSparkConf.localS3Root(home).resolve("libs");
        Files.createDirectories(bucket.resolve("py"));
        Files.writeString(bucket.resolve("py/helpers.py"), "X = 1\n");
        Files.writeString(bucket.resolve("deps.zip"), "zip");
        Path local = Files.writeString(home.resolve("other.py"), "Y = 2\n");
        Path run = home.resolve("job-runs/jr_1");

        var path = PythonShellFiles.stage("s3://libs/deps.zip, s3://libs/py/helpers.py," + local + ",", Map.of(), home, run);

        Path staged = run.resolve(PythonShellFiles.DIRECTORY);
        assertThat(path).containsExactly(staged.resolve("deps.zip"), staged);
        assertThat(Files.readString(staged.resolve("helpers.py"))).isEqualTo("X = 1\n");
        assertThat(Files.readString(staged.resolve("other.py"))).isEqualTo("Y = 2\n");
        assertThat(staged.resolve("deps.zip")).exists();
    }

    @Test
    void aMissingOrNonPythonEntryIsNamed() {
        Path run = home.resolve("job-runs/jr_1");
        assertThatThrownBy(() -> PythonShellFiles.stage("s3://libs/missing.py", Map.of(), home, run))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("--extra-py-files entry s3://libs/missing.py does not exist");
        assertThatThrownBy(() -> PythonShellFiles.stage("s3://libs/notes.txt", Map.of(), home, run))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("--extra-py-files entry s3://libs/notes.txt is not a .py, .zip, .egg or .whl file");
    }
}
