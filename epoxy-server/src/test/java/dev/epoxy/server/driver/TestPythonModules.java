package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPythonModules {
    @Test
    void installerOptionsAreSplitOnWhitespace() {
        assertThat(PythonModules.installerOptions("  --index-url https://pypi.internal/simple\t--no-cache-dir "))
                .containsExactly("--index-url", "https://pypi.internal/simple", "--no-cache-dir");
        assertThat(PythonModules.installerOptions("")).isEmpty();
    }

    @Test
    void installerOptionsThatMoveTheInstallAreRefused() {
        for (String option : List.of("--target /srv/x", "-t /srv/x", "--prefix=/usr", "--user", "--root /", "--home /h", "--src /s")) {
            String name = option.split("[ =]")[0];
            assertThatThrownBy(() -> PythonModules.installerOptions(option))
                    .as(option)
                    .isInstanceOfSatisfying(EpoxyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                    .hasMessage("Invalid --python-modules-installer-option: %s cannot be used, Epoxy chooses where the modules are installed", name);
        }
    }

    @Test
    void pipErrorKeepsItsErrorLinesInOrder() {
        String output = """
                Looking in links: /opt/wheels
                ERROR: Could not find a version that satisfies the requirement nope==1.0 (from versions: none)
                ERROR: No matching distribution found for nope==1.0
                """;
        assertThat(PythonModules.pipError(output)).isEqualTo(
                "ERROR: Could not find a version that satisfies the requirement nope==1.0 (from versions: none) "
                        + "ERROR: No matching distribution found for nope==1.0");
        assertThat(PythonModules.pipError("Collecting x\nsomething broke\n")).isEqualTo("something broke");
        assertThat(PythonModules.pipError("")).isEqualTo("pip failed without output");
    }
}
