package dev.epoxy.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestRunArguments {
    @Test
    void epoxyOptionsComeBeforeTheScriptAndTheScriptsAfterIt() {
        RunArguments parsed = RunArguments.parse(List.of("--config", "epoxy.dist-dir=/d", "--home", "/h", "--endpoint", "http://127.0.0.1:9", "--type", "pythonshell",
                "job.py", "--JOB_NAME", "nightly", "--output_path=s3://b/o/", "--home", "not-epoxys"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("--JOB_NAME", "nightly");
        expected.put("--output_path", "s3://b/o/");
        expected.put("--home", "not-epoxys");
        assertThat(parsed).isEqualTo(new RunArguments(List.of("--config", "epoxy.dist-dir=/d", "--home", "/h"), Optional.of("http://127.0.0.1:9"), "pythonshell",
                "job.py", expected));
        assertThat(List.copyOf(parsed.scriptArguments().keySet())).containsExactly("--JOB_NAME", "--output_path", "--home");
    }

    @Test
    void defaultsAreGlueetlAndNoEndpoint() {
        assertThat(RunArguments.parse(List.of("job.py"))).isEqualTo(new RunArguments(List.of(), Optional.empty(), "glueetl", "job.py", Map.of()));
    }

    @Test
    void valuesMayLookLikeAnything() {
        assertThat(RunArguments.parse(List.of("job.py", "--expr", "--not-a-key", "--empty", "")).scriptArguments())
                .isEqualTo(Map.of("--expr", "--not-a-key", "--empty", ""));
    }

    @Test
    void badCommandLinesAreNamed() {
        assertInvalid(List.of(), "No script given (expected " + RunArguments.USAGE + ")");
        assertInvalid(List.of("--home"), "--home needs a value");
        assertInvalid(List.of("--verbose", "x", "job.py"), "Unknown option --verbose before the script (expected " + RunArguments.USAGE + ")");
        assertInvalid(List.of("--type", "glue", "job.py"), "Invalid --type glue (expected glueetl or pythonshell)");
        assertInvalid(List.of("job.py", "--JOB_NAME"), "--JOB_NAME needs a value");
        assertInvalid(List.of("job.py", "stray"), "Script argument stray is not --KEY (script arguments are --KEY value pairs)");
        assertInvalid(List.of("job.py", "--", "x"), "Script argument -- is not --KEY (script arguments are --KEY value pairs)");
    }

    @Test
    void defaultJobNameIsTheScriptsFileName() {
        assertThat(RunScriptMain.defaultJobName("/srv/etl/nightly.py")).isEqualTo("nightly");
        assertThat(RunScriptMain.defaultJobName("s3://b/jobs/daily.py")).isEqualTo("daily");
        assertThat(RunScriptMain.defaultJobName("script")).isEqualTo("script");
    }

    private static void assertInvalid(List<String> args, String message) {
        assertThatThrownBy(() -> RunArguments.parse(args)).isInstanceOf(EpoxyException.class).hasMessage(message);
    }
}
