package dev.epoxy.driver.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestProcessExit {
    @Test
    void ordinaryCodesAreExitCodes() {
        assertThat(ProcessExit.describe(0)).isEqualTo("exited with code 0");
        assertThat(ProcessExit.describe(1)).isEqualTo("exited with code 1");
        assertThat(ProcessExit.describe(128)).isEqualTo("exited with code 128");
    }

    @Test
    void codesAbove128AreSignals() {
        assertThat(ProcessExit.describe(128 + 9)).isEqualTo("was killed by signal 9 (SIGKILL)");
        assertThat(ProcessExit.describe(128 + 15)).isEqualTo("was killed by signal 15 (SIGTERM)");
        assertThat(ProcessExit.describe(128 + 11)).isEqualTo("was killed by signal 11 (SIGSEGV)");
        assertThat(ProcessExit.describe(128 + 40)).isEqualTo("was killed by signal 40");
    }

    @Test
    void negativeCodesAreSignalsAsPythonReportsThem() {
        assertThat(ProcessExit.describe(-9)).isEqualTo("was killed by signal 9 (SIGKILL)");
    }

    @Test
    void codesFarAbove128AreExitCodes() {
        assertThat(ProcessExit.describe(255)).isEqualTo("exited with code 255");
    }
}
