package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code System.out} and {@code System.err} of a driver that runs statements in its own JVM: a
 * thread that runs a statement (and any thread it starts) writes to that statement's output;
 * every other thread (Spark, the link, executor tasks in local mode) to the original stream, the
 * driver log. Java code a Scala statement calls prints with {@code System.out}, which
 * {@code Console.withOut} does not reach.
 */
final class ThreadRoutedOutput {
    private static final InheritableThreadLocal<OutputStream> TARGET = new InheritableThreadLocal<>();
    private static boolean installed;

    private ThreadRoutedOutput() {}

    /** Routes {@code System.out} and {@code System.err}; once per JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        System.setOut(new PrintStream(new Routing(System.out), true, UTF_8));
        System.setErr(new PrintStream(new Routing(System.err), true, UTF_8));
        installed = true;
    }

    /** Sends what the current thread and the threads it starts from now on print to {@code target}. */
    static void routeCurrentThreadTo(OutputStream target) {
        TARGET.set(target);
    }

    private static final class Routing extends OutputStream {
        private final PrintStream original;

        private Routing(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            OutputStream target = TARGET.get();
            (target == null ? original : target).write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            OutputStream target = TARGET.get();
            (target == null ? original : target).write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            OutputStream target = TARGET.get();
            (target == null ? original : target).flush();
        }
    }
}
