package dev.epoxy.core.job;

/**
 * DPU-seconds by AWS's billing rules (reference B3, Glue pricing): billed per second of execution
 * time with a minimum per run: 1 minute for Spark jobs of Glue 2.0 and later and for Python shell
 * jobs, 10 minutes for Spark jobs of Glue 0.9 and 1.0.
 */
public final class DpuSeconds {
    static final int MINIMUM_SECONDS = 60;
    static final int GLUE_1_SPARK_MINIMUM_SECONDS = 600;

    private DpuSeconds() {}

    public static double billed(JobCommandName command, String glueVersion, int executionSeconds, double dpu) {
        int minimum = command.isSpark() && !GlueVersions.atLeast(glueVersion, "2.0") ? GLUE_1_SPARK_MINIMUM_SECONDS : MINIMUM_SECONDS;
        return Math.max(executionSeconds, minimum) * dpu;
    }
}
