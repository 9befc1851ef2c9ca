package dev.epoxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestNotebookToJobOptions {
    private static NotebookToJobOptions parse(String... args) {
        return NotebookToJobOptions.parse(List.of(args));
    }

    @Test
    void defaults() {
        NotebookToJobOptions options = parse("nb.ipynb", "--job-name", "daily");

        assertThat(options).isEqualTo(new NotebookToJobOptions(Path.of("nb.ipynb"), "daily", Path.of("."), Optional.empty(), Optional.empty(),
                false, false, Map.of(), URI.create("http://127.0.0.1:9911"), URI.create("http://127.0.0.1:9912")));
        assertThat(options.scriptFile()).isEqualTo(Path.of("./daily.py"));
        assertThat(options.definitionFile()).isEqualTo(Path.of("./daily.job.json"));
    }

    @Test
    void everyOption() {
        NotebookToJobOptions options = parse("--job-name=daily", "--output-dir", "out", "--script-location", "s3://scripts/jobs/daily.py",
                "--role", "arn:aws:iam::1:role/r", "--start", "--arguments", "{\"--output_path\": \"s3://out/x/\"}", "--endpoint",
                "http://localhost:8000", "--s3-endpoint=http://localhost:8001", "work/nb.ipynb");

        assertThat(options).isEqualTo(new NotebookToJobOptions(Path.of("work/nb.ipynb"), "daily", Path.of("out"),
                Optional.of(new S3Location("scripts", "jobs/daily.py")), Optional.of("arn:aws:iam::1:role/r"), true, true,
                Map.of("--output_path", "s3://out/x/"), URI.create("http://localhost:8000"), URI.create("http://localhost:8001")));
    }

    @Test
    void createAloneDoesNotStart() {
        NotebookToJobOptions options = parse("nb.ipynb", "--job-name", "daily", "--create");

        assertThat(options.create()).isTrue();
        assertThat(options.start()).isFalse();
    }

    @Test
    void wrongCommandLinesNameTheArgument() {
        assertThatThrownBy(() -> parse("--job-name", "x")).hasMessage("the notebook (NOTEBOOK.ipynb) is missing");
        assertThatThrownBy(() -> parse("nb.ipynb")).hasMessage("--job-name is missing");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name")).hasMessage("--job-name needs a value");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--verbose")).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> parse("a.ipynb", "b.ipynb", "--job-name", "x")).hasMessage("one notebook at a time: a.ipynb and b.ipynb");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--arguments", "{}"))
                .hasMessage("--arguments are the run's: they need --start");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--start", "--arguments", "{\"--n\": 3}"))
                .hasMessage("--arguments: the value of --n must be a string, as job arguments are");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--start", "--arguments", "[1]"))
                .hasMessage("--arguments must be a JSON object, e.g. '{\"--output_path\": \"s3://bucket/out/\"}'");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--start", "--arguments", "{oops"))
                .hasMessageStartingWith("--arguments is not JSON: ");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--create=yes")).hasMessage("--create takes no value");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--endpoint", "127.0.0.1:9911"))
                .hasMessage("--endpoint 127.0.0.1:9911: not an http:// or https:// URL");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "x", "--role", " ")).hasMessage("--role is empty");
    }

    @Test
    void jobNamesMustAlsoBeFileNames() {
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "a/b"))
                .hasMessage("Invalid --job-name 'a/b': it names the script file NAME.py, so it cannot hold / or \\, control characters, or be . or ..");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "..")).hasMessageStartingWith("Invalid --job-name '..'");
        assertThatThrownBy(() -> parse("nb.ipynb", "--job-name", "")).hasMessage("Invalid --job-name '': it must have 1 to 255 characters");
        assertThat(parse("nb.ipynb", "--job-name", "daily summary v2").jobName()).isEqualTo("daily summary v2");
    }

    @Test
    void scriptLocationsAreObjects() {
        assertThat(S3Location.parse("s3://b/k/x.py")).isEqualTo(new S3Location("b", "k/x.py"));
        assertThat(S3Location.parse("s3://b/k/x.py")).hasToString("s3://b/k/x.py");
        assertThatThrownBy(() -> S3Location.parse("/srv/x.py")).hasMessage("--script-location /srv/x.py: not an s3://bucket/key path");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket")).hasMessageStartingWith("--script-location s3://bucket: an s3:// path needs a bucket and a key");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/dir/")).hasMessageStartingWith("--script-location s3://bucket/dir/: an s3:// path needs");
        assertThatThrownBy(() -> S3Location.parse("s3:///key")).hasMessageStartingWith("--script-location s3:///key: an s3:// path needs");
    }
}
