package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestInterpreterLog {
    private final ByteArrayOutputStream driverLog = new ByteArrayOutputStream();

    @Test
    void outputWithinTheBoundIsForwardedUnchanged() {
        InterpreterLog log = new InterpreterLog(driverLog, 100, 1000);
        log.statementStarted(1);
        write(log, "hello\n");
        write(log, "world\n");
        log.statementStarted(2);
        assertThat(driverLog.toString(UTF_8)).isEqualTo("hello\nworld\n");
    }

    @Test
    void aStatementsOutputPastTheBoundIsDroppedAndCounted() {
        InterpreterLog log = new InterpreterLog(driverLog, 10, 1000);
        log.statementStarted(7);
        write(log, "0123456789abcdef");
        write(log, "more");
        log.statementStarted(8);
        write(log, "next");
        assertThat(driverLog.toString(UTF_8)).isEqualTo("0123456789"
                + "\n[epoxy] The output to stdout and stderr during statement 7 reached 10 bytes; the rest is dropped until the next statement"
                + " (epoxy.session.max-log-bytes-per-statement).\n"
                + "\n[epoxy] During statement 7 the Python interpreter wrote 20 bytes to stdout and stderr: 10 bytes are above, 10 bytes were dropped.\n"
                + "next");
    }

    @Test
    void theTotalBoundsEveryStatementTogetherAndStopsTheNotes() {
        InterpreterLog log = new InterpreterLog(driverLog, 10, 15);
        for (int statement = 1; statement <= 100; statement++) {
            log.statementStarted(statement);
            write(log, "#".repeat(1000));
        }
        log.close();
        String text = driverLog.toString(UTF_8);
        assertThat(text).startsWith("#".repeat(10) + "\n[epoxy] The output to stdout and stderr during statement 1 reached 10 bytes");
        assertThat(text).contains("During statement 1 the Python interpreter wrote 1000 bytes to stdout and stderr: 10 bytes are above, 990 bytes were dropped.\n"
                + "#####\n[epoxy] The Python interpreter's output to stdout and stderr reached 15 bytes, the most this log takes from it"
                + " (epoxy.session.max-log-bytes); the rest of it is dropped.\n");
        assertThat(text).endsWith("the rest of it is dropped.\n");
        assertThat(text.chars().filter(c -> c == '#').count()).isEqualTo(15);
        assertThat(log.forwardedBytes()).isEqualTo(15);
    }

    @Test
    void aForwardedStreamIsReadToItsEnd() {
        InterpreterLog log = new InterpreterLog(driverLog, 4, 1000);
        log.forward(new ByteArrayInputStream("abcdefgh".getBytes(UTF_8)), "test-forwarder");
        await().atMost(Duration.ofSeconds(10)).until(() -> driverLog.toString(UTF_8).contains("the rest is dropped"));
        assertThat(driverLog.toString(UTF_8)).startsWith("abcd\n[epoxy] The output to stdout and stderr during the interpreter's start reached 4 bytes");
    }

    private static void write(InterpreterLog log, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        log.write(bytes, bytes.length);
    }
}
