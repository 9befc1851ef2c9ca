package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.core.job.JobRunExit;
import dev.epoxy.core.job.JobRunExit.Outcome;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TestJobRunExits {
    private static final Path LOG = Path.of("/srv/epoxy/job-runs/jr_1/driver.log");

    record Case(String name, int exitCode, boolean stopRequested, Optional<String> errorJson, Optional<String> commitJson, JobRunExit expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("exit 0 succeeds with the committed bookmark", 0, false, Optional.empty(), Optional.of("{\"ctx\": {\"files\": 3}}\n"),
                        new JobRunExit(Outcome.SUCCEEDED, Optional.empty(), Optional.of("{\"ctx\": {\"files\": 3}}"))),
                new Case("exit 0 without commit succeeds without a bookmark", 0, false, Optional.empty(), Optional.empty(),
                        new JobRunExit(Outcome.SUCCEEDED, Optional.empty(), Optional.empty())),
                new Case("an empty commit file is no bookmark", 0, false, Optional.empty(), Optional.of("  "),
                        new JobRunExit(Outcome.SUCCEEDED, Optional.empty(), Optional.empty())),
                new Case("exit 0 after a stop request finished by itself", 0, true, Optional.empty(), Optional.empty(),
                        new JobRunExit(Outcome.SUCCEEDED, Optional.empty(), Optional.empty())),
                new Case("the script's exception is the message, with the log", 1, false, Optional.of("{\"type\": \"ValueError\", \"message\": \"bad input\"}"),
                        Optional.of("{\"ignored\": true}"),
                        JobRunExit.failed("ValueError: bad input (log: /srv/epoxy/job-runs/jr_1/driver.log)")),
                new Case("an exception without message is its type", 1, false, Optional.of("{\"type\": \"KeyboardInterrupt\", \"message\": \"\"}"), Optional.empty(),
                        JobRunExit.failed("KeyboardInterrupt (log: /srv/epoxy/job-runs/jr_1/driver.log)")),
                new Case("no error file: the exit code and the log", 3, false, Optional.empty(), Optional.empty(),
                        JobRunExit.failed("The job run's process exited with code 3; see the end of its log /srv/epoxy/job-runs/jr_1/driver.log")),
                new Case("killed by a signal: the signal", 137, false, Optional.empty(), Optional.empty(),
                        JobRunExit.failed("The job run's process was killed by signal 9 (SIGKILL); see the end of its log /srv/epoxy/job-runs/jr_1/driver.log")),
                new Case("an unreadable error file counts as none", 1, false, Optional.of("not json"), Optional.empty(),
                        JobRunExit.failed("The job run's process exited with code 1; see the end of its log /srv/epoxy/job-runs/jr_1/driver.log")),
                new Case("stopped: killed by SIGTERM", 143, true, Optional.empty(), Optional.empty(), JobRunExit.stopped()),
                new Case("stopped even with an error file and a commit", 1, true, Optional.of("{\"type\": \"KeyboardInterrupt\"}"), Optional.of("{}"),
                        JobRunExit.stopped()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitOf(Case exit) {
        assertThat(JobRunExits.of(exit.exitCode(), exit.stopRequested(), exit.errorJson(), exit.commitJson(), LOG)).isEqualTo(exit.expected());
    }
}
