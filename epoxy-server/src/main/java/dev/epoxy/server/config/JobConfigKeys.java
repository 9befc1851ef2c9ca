package dev.epoxy.server.config;

import dev.epoxy.core.job.JobConfig;
import dev.epoxy.server.config.ConfigKey.ValueType;
import java.util.List;

/** Keys of the job service, read into core's {@link JobConfig}. */
public final class JobConfigKeys {
    public static final ConfigKey DELETE_STOP_WAIT = ConfigKey.of("epoxy.job.delete-stop-wait", ValueType.DURATION, "60s",
            "After DeleteJob stops a job's active runs, how long to wait for their processes to exit before their logs and files are removed anyway.");

    public static final List<ConfigKey> KEYS = List.of(DELETE_STOP_WAIT);

    private JobConfigKeys() {}

    public static JobConfig jobConfig(EpoxyConfig config) {
        return JobConfig.defaults().withDeleteStopWait(config.getDuration(DELETE_STOP_WAIT));
    }
}
