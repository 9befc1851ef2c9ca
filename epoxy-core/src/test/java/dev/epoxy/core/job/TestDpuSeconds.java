package dev.epoxy.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDpuSeconds {
    @Test
    void sparkJobsOfGlue2AndLaterAreBilledPerSecondWithAOneMinuteMinimum() {
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "5.0", 10, 10)).isEqualTo(600.0);
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "5.0", 60, 10)).isEqualTo(600.0);
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "2.0", 61, 2)).isEqualTo(122.0);
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "auto", 0, 1)).isEqualTo(60.0);
    }

    @Test
    void sparkJobsOfGlue1AndEarlierHaveATenMinuteMinimum() {
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "1.0", 100, 10)).isEqualTo(6000.0);
        assertThat(DpuSeconds.billed(JobCommandName.GLUEETL, "0.9", 601, 2)).isEqualTo(1202.0);
    }

    @Test
    void pythonShellJobsHaveAOneMinuteMinimumWhateverTheirGlueVersion() {
        assertThat(DpuSeconds.billed(JobCommandName.PYTHONSHELL, "1.0", 5, 0.0625)).isEqualTo(3.75);
        assertThat(DpuSeconds.billed(JobCommandName.PYTHONSHELL, "3.0", 120, 1)).isEqualTo(120.0);
    }
}
