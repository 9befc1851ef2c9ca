package dev.epoxy.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import dev.epoxy.core.session.WorkerType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJobDefinition {
    private static void assertInvalid(JobDefinition.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(EpoxyException.class).hasMessage(message)
                .satisfies(e -> assertThat(((EpoxyException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void sparkJobDefaults() {
        JobDefinition job = JobDefinition.builder("j", "glueetl").build();

        assertThat(job.glueVersion()).isEqualTo("5.0");
        assertThat(job.pythonVersion()).isEqualTo("3");
        assertThat(job.maxRetries()).isZero();
        assertThat(job.maxConcurrentRuns()).isEqualTo(1);
        // Glue 5.0 and later: 480 minutes (the model's Timeout documentation); 10 DPUs as 10 x G.1X.
        assertThat(job.timeoutMinutes()).isEqualTo(480);
        assertThat(job.capacity()).isEqualTo(new JobCapacity(Optional.of(WorkerType.G_1X), Optional.of(10), 10.0));
        assertThat(job.scriptLocation()).isEmpty();
    }

    @Test
    void olderGlueVersionsAndPythonShellDefaultTo2880Minutes() {
        assertThat(JobDefinition.builder("j", "glueetl").withGlueVersion(Optional.of("4.0")).build().timeoutMinutes()).isEqualTo(2880);
        assertThat(JobDefinition.builder("j", "pythonshell").build().timeoutMinutes()).isEqualTo(2880);
        assertThat(JobDefinition.builder("j", "glueetl").withTimeout(Optional.of(7)).build().timeoutMinutes()).isEqualTo(7);
    }

    @Test
    void pythonShellJobsTakeMaxCapacity() {
        assertThat(JobDefinition.builder("j", "pythonshell").build().capacity()).isEqualTo(JobCapacity.ofMaxCapacity(0.0625));
        assertThat(JobDefinition.builder("j", "pythonshell").withMaxCapacity(Optional.of(1.0)).build().capacity()).isEqualTo(JobCapacity.ofMaxCapacity(1.0));
        assertInvalid(JobDefinition.builder("j", "pythonshell").withMaxCapacity(Optional.of(2.0)), "Invalid MaxCapacity: 2.0 (Python shell jobs take 0.0625 or 1)");
        assertInvalid(JobDefinition.builder("j", "pythonshell").withWorkerType(Optional.of("G.1X")).withNumberOfWorkers(Optional.of(2)),
                "Invalid capacity: pythonshell jobs take MaxCapacity (0.0625 or 1), not WorkerType");
    }

    @Test
    void workersAndMaxCapacityAreMutuallyExclusive() {
        assertThat(JobDefinition.builder("j", "glueetl").withWorkerType(Optional.of("G.2X")).withNumberOfWorkers(Optional.of(3)).build().capacity())
                .isEqualTo(new JobCapacity(Optional.of(WorkerType.G_2X), Optional.of(3), 6.0));
        assertInvalid(JobDefinition.builder("j", "glueetl").withWorkerType(Optional.of("G.1X")),
                "Invalid capacity: WorkerType and NumberOfWorkers must be set together (got WorkerType only)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withNumberOfWorkers(Optional.of(2)),
                "Invalid capacity: WorkerType and NumberOfWorkers must be set together (got NumberOfWorkers only)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withWorkerType(Optional.of("G.1X")).withNumberOfWorkers(Optional.of(2)).withMaxCapacity(Optional.of(2.0)),
                "Invalid capacity: do not set MaxCapacity when using WorkerType and NumberOfWorkers");
        assertInvalid(JobDefinition.builder("j", "glueetl").withMaxCapacity(Optional.of(10.0)),
                "Invalid capacity: Glue 5.0 jobs cannot set MaxCapacity; set WorkerType and NumberOfWorkers");
        assertInvalid(JobDefinition.builder("j", "glueetl").withWorkerType(Optional.of("G.3X")).withNumberOfWorkers(Optional.of(2)), "Invalid WorkerType: G.3X");
    }

    @Test
    void glue1SparkJobsTakeWholeDpus() {
        assertThat(JobDefinition.builder("j", "glueetl").withGlueVersion(Optional.of("1.0")).build().capacity()).isEqualTo(JobCapacity.ofMaxCapacity(10));
        assertThat(JobDefinition.builder("j", "glueetl").withGlueVersion(Optional.of("1.0")).withMaxCapacity(Optional.of(2.0)).build().capacity())
                .isEqualTo(JobCapacity.ofMaxCapacity(2));
        assertInvalid(JobDefinition.builder("j", "glueetl").withGlueVersion(Optional.of("1.0")).withMaxCapacity(Optional.of(2.5)),
                "Invalid MaxCapacity: 2.5 (Spark jobs take 2 to 100 whole DPUs)");
    }

    @Test
    void badMembersAreNamed() {
        assertInvalid(JobDefinition.builder("j", "spark"), "Invalid Command.Name: spark (glueetl, gluestreaming, pythonshell or glueray)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withTimeout(Optional.of(10081)), "Invalid Timeout: 10081 (1 to 10080 minutes)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withTimeout(Optional.of(0)), "Invalid Timeout: 0 (1 to 10080 minutes)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withMaxRetries(Optional.of(-1)), "Invalid MaxRetries: -1 (0 or more)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withMaxConcurrentRuns(Optional.of(0)), "Invalid ExecutionProperty.MaxConcurrentRuns: 0 (1 or more)");
        assertInvalid(JobDefinition.builder("j", "glueetl").withGlueVersion(Optional.of("five")), "Invalid GlueVersion: five");
        assertInvalid(JobDefinition.builder("j", "pythonshell").withExecutionClass(Optional.of("FLEX")), "Invalid ExecutionClass: FLEX is only for glueetl jobs of Glue 3.0 and later");
    }

    @Test
    void runIdsLookLikeAwss() {
        assertThat(JobRunIds.newId()).matches("jr_[0-9a-f]{64}").isNotEqualTo(JobRunIds.newId());
    }
}
