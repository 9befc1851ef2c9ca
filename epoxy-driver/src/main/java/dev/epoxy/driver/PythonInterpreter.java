package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.driver.protocol.DriverMessage;
import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.LinkProtocol;
import dev.epoxy.driver.protocol.ProcessExit;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code python -m epoxy_repl} process and its loopback control socket (JSON lines; see the
 * package's {@code __main__}). The process's file descriptors 1 and 2 (shared by everything it
 * starts) go to the driver log through an {@link InterpreterLog}, which bounds them. The process
 * leads its own process group, so {@link #kill()} can end it together with what its statements
 * started.
 */
final class PythonInterpreter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Socket control;
    private final OutputStream out;
    private final Map<Integer, CompletableFuture<ReplResult>> pending = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private volatile boolean leadsProcessGroup;
    private final Thread killAtExit = new Thread(this::killIfAlive, "epoxy-python-kill-at-exit");

    /**
     * What the interpreter answered for one statement. {@code status} is ok, error or cancelled;
     * {@code display} is what a final {@code %matplot}/{@code %plotly} rendered, or null.
     */
    record ReplResult(String status, String text, String errorName, String errorValue, List<String> traceback, DriverMessage.Display display) {
        ReplResult(String status, String text, String errorName, String errorValue, List<String> traceback) {
            this(status, text, errorName, errorValue, traceback, null);
        }
    }

    /** Told when the interpreter process exits without {@link #close()}. */
    interface ExitListener {
        /** @param runningStatementId the statement the interpreter was running when it died */
        void interpreterExited(int exitCode, Optional<Integer> runningStatementId);
    }

    /** The interpreter could not start; the message says why in words a user can act on. */
    static final class StartException extends Exception {
        StartException(String message) {
            super(message);
        }
    }

    private PythonInterpreter(Process process, Socket control) throws IOException {
        this.process = process;
        this.control = control;
        this.out = control.getOutputStream();
        // A driver told to terminate (SIGTERM) takes its interpreter's process group along, even
        // when the interpreter is too stuck to notice that its control socket closed.
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /**
     * Starts the interpreter and waits until it has attached to the SparkContext.
     *
     * @param onUnexpectedExit told if the process exits without {@link #close()}, after the running
     *     statement's result has failed
     */
    static PythonInterpreter start(DriverSettings settings, int gatewayPort, String gatewaySecret, InterpreterLog log, ExitListener onUnexpectedExit)
            throws StartException {
        String secret = HexFormat.of().formatHex(randomBytes());
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new StartException("Cannot open a loopback port for the Python interpreter: " + e.getMessage());
        }
        try (listener) {
            // One pipe for both: the driver log keeps their order, and one reader bounds them.
            ProcessBuilder builder = new ProcessBuilder(settings.python(), "-m", "epoxy_repl")
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> environment = builder.environment();
            // User code runs in this process; it has no business with the driver's link secret.
            environment.remove(LinkProtocol.TOKEN_ENVIRONMENT_VARIABLE);
            environment.put("PYSPARK_GATEWAY_PORT", String.valueOf(gatewayPort));
            environment.put("PYSPARK_GATEWAY_SECRET", gatewaySecret);
            environment.put("PYSPARK_PYTHON", settings.python());
            environment.put("PYTHONUNBUFFERED", "1");
            environment.put("EPOXY_REPL_PORT", String.valueOf(listener.getLocalPort()));
            environment.put("EPOXY_REPL_SECRET", secret);
            environment.put("EPOXY_MAX_OUTPUT_BYTES", String.valueOf(settings.maxOutputBytes()));
            environment.put("PYTHONPATH", pythonPath(settings.pythonPath(), environment.get("PYTHONPATH")));
            Process process;
            try {
                process = builder.start();
            }
            catch (IOException e) {
                throw new StartException("Cannot start the Python interpreter " + settings.python() + ": " + rootMessage(e)
                        + " (epoxy.session.python must name a Python with pyspark installed)");
            }
            log.forward(process.getInputStream(), "epoxy-python-output-" + process.pid());
            try {
                return attach(process, listener, secret, settings.pythonStartTimeout(), onUnexpectedExit, settings.python());
            }
            catch (StartException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }
        catch (IOException e) {
            throw new StartException("Cannot start the Python interpreter: " + e.getMessage());
        }
    }

    private static PythonInterpreter attach(Process process, ServerSocket listener, String secret, Duration timeout, ExitListener onUnexpectedExit, String python)
            throws StartException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = null;
        InputStream in = null;
        while (socket == null) {
            checkAlive(process, python);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                throw new StartException("The Python interpreter " + python + " did not start within " + timeout.toSeconds() + " seconds");
            }
            listener.setSoTimeout((int) Math.min(remainingMillis, 200));
            try {
                Socket candidate = listener.accept();
                candidate.setSoTimeout((int) Math.max(1, remainingMillis));
                InputStream candidateIn = new BufferedInputStream(candidate.getInputStream());
                Optional<String> hello = LinkCodec.readLine(candidateIn, LinkCodec.MAX_HELLO_LINE_BYTES);
                if (hello.isPresent() && secretMatches(MAPPER.readTree(hello.get()), secret)) {
                    socket = candidate;
                    in = candidateIn;
                }
                else {
                    LOG.warn("Closed a control connection that did not present the interpreter's secret");
                    candidate.close();
                }
            }
            catch (SocketTimeoutException e) {
                // poll the process again
            }
        }
        PythonInterpreter interpreter = new PythonInterpreter(process, socket);
        CompletableFuture<String> ready = new CompletableFuture<>();
        InputStream controlIn = in;
        Thread reader = new Thread(() -> interpreter.readControl(controlIn, ready), "epoxy-python-control");
        reader.setDaemon(true);
        socket.setSoTimeout(0);
        reader.start();
        // Not on the JDK's process reaper thread: the exit listener may end the JVM, whose shutdown
        // waits for other child processes that only that thread can reap.
        process.onExit().thenAcceptAsync(exited -> {
            try {
                // A "failed" message written just before exiting explains more than the exit code.
                reader.join(2000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ready.completeExceptionally(new StartException(startupExit(python, exited.exitValue())));
            interpreter.interpreterExited(exited.exitValue(), onUnexpectedExit);
        }, runnable -> {
            Thread thread = new Thread(runnable, "epoxy-python-exit");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            String sparkVersion = ready.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            LOG.info("Python interpreter {} (pid {}) attached to Spark {}", python, process.pid(), sparkVersion);
            return interpreter;
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof StartException start) {
                throw start;
            }
            throw new StartException("The Python interpreter failed to start: " + e.getCause().getMessage());
        }
        catch (TimeoutException e) {
            throw new StartException("The Python interpreter " + python + " did not attach to Spark within " + timeout.toSeconds() + " seconds");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("Interrupted while starting the Python interpreter");
        }
    }

    /** Sends a statement; the future completes with its result, or fails if the interpreter dies. */
    CompletableFuture<ReplResult> execute(int statementId, String code) {
        CompletableFuture<ReplResult> result = new CompletableFuture<>();
        pending.put(statementId, result);
        ObjectNode message = MAPPER.createObjectNode().put("type", "execute").put("id", statementId).put("code", code);
        if (!sendQuietly(message)) {
            pending.remove(statementId);
            result.completeExceptionally(new IOException("the Python interpreter is not reachable"));
        }
        if (!process.isAlive()) {
            result.completeExceptionally(new IOException("the Python interpreter has exited"));
        }
        return result;
    }

    /** Asks the interpreter to interrupt the statement if it is still running it. */
    void cancel(int statementId) {
        sendQuietly(MAPPER.createObjectNode().put("type", "cancel").put("id", statementId));
    }

    long pid() {
        return process.pid();
    }

    /**
     * Kills the interpreter at once, with its process group and every process it started, and
     * fails the results still pending. Not reported to the exit listener.
     */
    void kill() {
        closing = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        killProcessGroup();
        // Descendants that left the group (start_new_session=True) are still its descendants.
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        failPending(new IOException("The Python interpreter was killed"));
        closeControl();
        forgetKillAtExit();
        LOG.info("Killed the Python interpreter (pid {}) and {} processes it started", process.pid(), descendants.size());
    }

    /** Asks the interpreter to exit (it ends its process group itself); kills it if it does not. */
    @Override
    public void close() {
        closing = true;
        sendQuietly(MAPPER.createObjectNode().put("type", "shutdown"));
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                kill();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        closeControl();
        forgetKillAtExit();
    }

    private void killIfAlive() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void forgetKillAtExit() {
        if (Thread.currentThread() == killAtExit) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        }
        catch (IllegalStateException e) {
            // The JVM is shutting down; the hook finds the process gone.
        }
    }

    private void killProcessGroup() {
        if (!leadsProcessGroup) {
            return;
        }
        // The JDK can signal a process, not a group; kill(1) can.
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        }
        catch (IOException e) {
            LOG.warn("Cannot kill the process group of the Python interpreter (pid {}): {}", process.pid(), e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeControl() {
        try {
            control.close();
        }
        catch (IOException e) {
            LOG.debug("Cannot close the control socket", e);
        }
    }

    private void failPending(IOException failure) {
        pending.values().forEach(result -> result.completeExceptionally(failure));
        pending.clear();
    }

    private void readControl(InputStream in, CompletableFuture<String> ready) {
        try {
            while (true) {
                Optional<String> line = LinkCodec.readLine(in, Integer.MAX_VALUE - 16);
                if (line.isEmpty()) {
                    return;
                }
                JsonNode message = MAPPER.readTree(line.get());
                switch (message.path("type").asText()) {
                    case "ready" -> {
                        // Only a group of its own may be killed as a whole: never the driver's.
                        leadsProcessGroup = message.path("pgid").asLong(-1) == process.pid();
                        ready.complete(message.path("spark_version").asText("unknown"));
                    }
                    case "failed" -> ready.completeExceptionally(new StartException(message.path("reason").asText("unknown reason")));
                    case "result" -> {
                        CompletableFuture<ReplResult> result = pending.remove(message.path("id").asInt());
                        if (result != null) {
                            result.complete(toResult(message));
                        }
                    }
                    default -> LOG.warn("Unknown message from the Python interpreter: {}", message.path("type").asText());
                }
            }
        }
        catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.warn("Control link to the Python interpreter failed: {}", e.getMessage());
            }
        }
    }

    private void interpreterExited(int exitCode, ExitListener onUnexpectedExit) {
        // Taken before the results fail: failing them lets the runner forget the statement.
        Optional<Integer> running = pending.keySet().stream().findFirst();
        failPending(new IOException("The Python interpreter " + ProcessExit.describe(exitCode)));
        if (!closing) {
            onUnexpectedExit.interpreterExited(exitCode, running);
        }
    }

    private boolean sendQuietly(ObjectNode message) {
        try {
            byte[] line = (MAPPER.writeValueAsString(message) + "\n").getBytes(UTF_8);
            synchronized (out) {
                out.write(line);
                out.flush();
            }
            return true;
        }
        catch (IOException e) {
            if (!closing) {
                LOG.warn("Cannot write to the Python interpreter: {}", e.getMessage());
            }
            return false;
        }
    }

    private static ReplResult toResult(JsonNode message) {
        List<String> traceback = new ArrayList<>();
        message.path("traceback").forEach(line -> traceback.add(line.asText()));
        return new ReplResult(
                message.path("status").asText("error"),
                message.path("text").asText(""),
                message.hasNonNull("ename") ? message.get("ename").asText() : null,
                message.hasNonNull("evalue") ? message.get("evalue").asText() : null,
                List.copyOf(traceback),
                toDisplay(message.path("display")));
    }

    private static DriverMessage.Display toDisplay(JsonNode display) {
        if (!display.hasNonNull("mime_type") || !display.hasNonNull("data")) {
            return null;
        }
        return new DriverMessage.Display(display.get("mime_type").asText(), display.get("data").asText());
    }

    private static boolean secretMatches(JsonNode hello, String secret) {
        return "hello".equals(hello.path("type").asText())
                && MessageDigest.isEqual(hello.path("secret").asText("").getBytes(UTF_8), secret.getBytes(UTF_8));
    }

    private static void checkAlive(Process process, String python) throws StartException {
        if (!process.isAlive()) {
            throw new StartException(startupExit(python, process.exitValue()));
        }
    }

    private static String startupExit(String python, int exitCode) {
        return "The Python interpreter " + python + " " + ProcessExit.describe(exitCode) + " while starting; its messages are in the driver log";
    }

    private static String pythonPath(String extra, String inherited) {
        List<String> entries = new ArrayList<>();
        if (!extra.isEmpty()) {
            entries.add(extra);
        }
        if (inherited != null && !inherited.isEmpty()) {
            entries.add(inherited);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.replaceFirst("^error=\\d+, ", "");
    }
}
