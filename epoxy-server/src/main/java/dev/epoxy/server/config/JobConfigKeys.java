package dev.epoxy.server.config;

import dev.epoxy.core.job.JobConfig;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/** Keys of the job service, read into core's {@link JobConfig}. */
public final class JobConfigKeys {
    public static final ConfigKey MAX_CONCURRENT_RUNS = ConfigKey.of("epoxy.job.max-concurrent-runs", ValueType.POSITIVE_INTEGER, "4",
            "Job runs that may be active at once over all jobs, each its own process; more → ResourceNumberLimitExceededException.");
    public static final ConfigKey DELETE_STOP_WAIT = ConfigKey.of("epoxy.job.delete-stop-wait", ValueType.DURATION, "60s",
            "After DeleteJob stops a job's active runs, how long to wait for their processes to exit before their logs and files are removed anyway.");

    public static final List<ConfigKey> KEYS = List.of(MAX_CONCURRENT_RUNS, DELETE_STOP_WAIT);

    private JobConfigKeys() {}

    public static JobConfig jobConfig(EpoxyConfig config) {
        return JobConfig.defaults().withMaxConcurrentRuns(config.getInt(MAX_CONCURRENT_RUNS)).withDeleteStopWait(config.getDuration(DELETE_STOP_WAIT));
    }
}
