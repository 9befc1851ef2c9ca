package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Console$;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;
import scala.tools.nsc.GenericRunnerSettings;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.ReplReporter;
import scala.tools.nsc.interpreter.Results;

/**
 * A Scala 2.12 REPL in the driver's JVM, on the driver's SparkContext: Scala's {@link IMain} with
 * the settings {@code spark-shell} gives it ({@code -Yrepl-class-based}, classes written to the
 * directory Spark serves to executors as {@code spark.repl.class.uri}, the JVM's class path). One
 * thread runs every statement, so their state persists. Before the first statement, {@code spark}
 * and {@code sc} are bound as in {@code spark-shell}, and Glue's Scala API ({@code
 * com.amazonaws.services.glue}, the epoxy-glue-scala jar on the driver's class path) is imported.
 *
 * <p>A statement's output is what it prints ({@code Console.out}, {@code System.out} and their
 * {@code err}s, from its thread and the threads it starts) followed by the REPL's echo of its
 * values ({@code res0: Int = 2}). A compile error answers {@code CompileError} with the compiler's
 * messages, their lines counted from the statement's first; an exception answers its class, message
 * and stack. A cancel interrupts the REPL thread (Spark's job group is cancelled by the runner).
 * The thread cannot be killed: {@link #kill()} abandons it (it runs on until its code returns, its
 * Spark jobs cancelled as they start) and the runner starts a new REPL.
 */
final class ScalaInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(ScalaInterpreter.class);
    private static final List<String> INITIALIZATION = List.of(
            "@transient val spark: org.apache.spark.sql.SparkSession = org.apache.spark.sql.SparkSession.builder.getOrCreate()",
            "@transient val sc: org.apache.spark.SparkContext = spark.sparkContext",
            "import org.apache.spark.SparkContext._",
            "import spark.implicits._",
            "import spark.sql",
            "import org.apache.spark.sql.functions._",
            "import com.amazonaws.services.glue.{DynamicFrame, GlueContext}",
            "import com.amazonaws.services.glue.util.{GlueArgParser, Job, JsonOptions}");

    /** Scala's REPL names the package of each line {@code <this property, default $line><n>}. */
    private static final String LINE_PREFIX_PROPERTY = "scala.repl.name.line";
    private static final java.util.concurrent.atomic.AtomicInteger GENERATIONS = new java.util.concurrent.atomic.AtomicInteger();

    private final SparkContext sparkContext;
    private final ExecutorService replThread;
    private final StatementOutputStream output;
    private final PrintStream printStream;
    private final PrintWriter replWriter;
    private final Map<Integer, CompletableFuture<InterpreterResult>> pending = new ConcurrentHashMap<>();
    private volatile StatementRepl repl;
    private volatile Thread runningThread;
    private volatile int runningStatementId = -1;
    private volatile boolean killed;

    private ScalaInterpreter(SparkContext sparkContext, int maxOutputBytes) {
        this.sparkContext = sparkContext;
        this.output = new StatementOutputStream(maxOutputBytes);
        this.printStream = new PrintStream(output, true, UTF_8);
        this.replWriter = new PrintWriter(new OutputStreamWriter(output, UTF_8), true);
        this.replThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "epoxy-scala-repl");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a REPL and waits until {@code spark} and {@code sc} are bound.
     *
     * @param classOutputDirectory the driver's {@code spark.repl.class.outputDir}: executors load
     *     the classes of statements from it
     */
    static ScalaInterpreter start(SparkContext sparkContext, Path classOutputDirectory, int maxOutputBytes, Duration startTimeout)
            throws InterpreterStartException {
        requireNonNull(sparkContext, "sparkContext is null");
        requireNonNull(classOutputDirectory, "classOutputDirectory is null");
        ThreadRoutedOutput.install();
        int generation = GENERATIONS.getAndIncrement();
        if (generation > 0) {
            // A replacement REPL writes to the same class directory, and executors keep the classes
            // they loaded: its lines must not be named $line1, $line2 … again.
            System.setProperty(LINE_PREFIX_PROPERTY, "$line" + generation + "r");
        }
        ScalaInterpreter interpreter = new ScalaInterpreter(sparkContext, maxOutputBytes);
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> interpreter.initialize(classOutputDirectory), interpreter.replThread);
        try {
            started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return interpreter;
        }
        catch (ExecutionException e) {
            interpreter.replThread.shutdownNow();
            Throwable cause = e.getCause();
            throw new InterpreterStartException("The Scala interpreter failed to start: "
                    + (cause instanceof IllegalStateException ? cause.getMessage() : cause.toString()));
        }
        catch (TimeoutException e) {
            interpreter.replThread.shutdownNow();
            throw new InterpreterStartException("The Scala interpreter did not start within " + startTimeout.toSeconds() + " seconds");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interpreter.replThread.shutdownNow();
            throw new InterpreterStartException("Interrupted while starting the Scala interpreter");
        }
    }

    private void initialize(Path classOutputDirectory) {
        Settings settings = replSettings(classOutputDirectory);
        StatementRepl newRepl = new StatementRepl(settings, replWriter);
        newRepl.initializeSynchronous();
        // One request, so one compile: a request per line made the start about 2 s longer on 2
        // cores (the compiler is still cold); later statements see its values and imports the same.
        String initialization = String.join("\n", INITIALIZATION);
        check(newRepl, initialization, newRepl.quietRun(initialization));
        output.take();
        repl = newRepl;
        LOG.info("Scala interpreter started (classes in {})", classOutputDirectory);
    }

    /**
     * The settings {@code spark-shell} gives its REPL: class-based wrappers (the only ones whose
     * closures serialize), classes written to {@code classOutputDirectory}, the JVM's class path
     * and the jars of the driver's class loader, which is also the parent of the REPL's.
     */
    static Settings replSettings(Path classOutputDirectory) {
        List<String> settingErrors = new ArrayList<>();
        Settings settings = new GenericRunnerSettings(message -> {
            settingErrors.add(message);
            return BoxedUnit.UNIT;
        });
        ClassLoader driverLoader = Thread.currentThread().getContextClassLoader();
        // Statements see the driver's classes (Epoxy's runtime, --extra-jars), not only Spark's.
        settings.embeddedDefaults(driverLoader);
        List<String> arguments = List.of(
                "-Yrepl-class-based",
                "-Yrepl-outdir", classOutputDirectory.toAbsolutePath().toString(),
                "-usejavacp",
                "-classpath", userClassPath(driverLoader));
        settings.processArguments(JavaConverters.asScalaBuffer(arguments).toList(), true);
        if (!settingErrors.isEmpty()) {
            throw new IllegalStateException("Invalid Scala settings: " + String.join("; ", settingErrors));
        }
        return settings;
    }

    private static void check(StatementRepl repl, String line, Results.Result result) {
        if (result != Results.Success$.MODULE$) {
            throw new IllegalStateException("Cannot run \"" + line + "\": " + String.join("\n", repl.statementReporter().statementErrors()));
        }
    }

    @Override
    public CompletableFuture<InterpreterResult> execute(int statementId, String code) {
        CompletableFuture<InterpreterResult> result = new CompletableFuture<>();
        if (killed) {
            result.completeExceptionally(new IOException("the Scala interpreter was abandoned"));
            return result;
        }
        pending.put(statementId, result);
        replThread.execute(() -> {
            try {
                result.complete(run(statementId, code));
            }
            catch (RuntimeException | LinkageError | StackOverflowError e) {
                // The REPL itself failed, not the statement's code (that is caught inside IMain).
                LOG.error("The Scala interpreter failed on statement {}", statementId, e);
                result.complete(InterpreterResult.error(output.take(), e.getClass().getName(), String.valueOf(e.getMessage()), traceback(e)));
            }
            finally {
                pending.remove(statementId);
            }
        });
        return result;
    }

    private InterpreterResult run(int statementId, String code) {
        runningThread = Thread.currentThread();
        runningStatementId = statementId;
        // A cancel that arrived after the previous statement had ended must not hit this one.
        Thread.interrupted();
        ThreadRoutedOutput.routeCurrentThreadTo(output);
        sparkContext.setJobGroup(String.valueOf(statementId), "Statement " + statementId, true);
        StatementRepl current = repl;
        current.statementReporter().startStatement(code);
        Object exceptionBefore = current.lastException();
        Results.Result result;
        try {
            result = Console$.MODULE$.withOut(printStream, () -> Console$.MODULE$.withErr(printStream, () -> current.interpret(code)));
        }
        finally {
            runningStatementId = -1;
            runningThread = null;
            Thread.interrupted();
            sparkContext.clearJobGroup();
            ThreadRoutedOutput.routeCurrentThreadTo(null);
        }
        replWriter.flush();
        printStream.flush();
        String text = output.take();
        if (result == Results.Success$.MODULE$) {
            return InterpreterResult.ok(text);
        }
        if (result == Results.Incomplete$.MODULE$) {
            String message = "<console>: error: the statement ends before its code is complete (an unclosed bracket, brace, string or comment?)";
            return InterpreterResult.error(text.isEmpty() ? message : text + message, "IncompleteInput", message, List.of(message));
        }
        List<String> compileErrors = current.statementReporter().statementErrors();
        if (!compileErrors.isEmpty()) {
            String message = String.join("\n", compileErrors);
            return InterpreterResult.error(text.isEmpty() ? message : text + message, "CompileError", message,
                    Arrays.asList(message.split("\n")));
        }
        // IMain binds the exception a statement threw to "lastException" (and prints its stack).
        Throwable failure = current.lastException() instanceof Throwable thrown && thrown != exceptionBefore ? thrown : null;
        if (failure == null) {
            String message = text.isBlank() ? "The statement failed" : text.strip();
            return InterpreterResult.error(text, "Error", message, List.of());
        }
        return InterpreterResult.error(text, failure.getClass().getName(), String.valueOf(failure.getMessage()), traceback(failure));
    }

    /** The exception's stack as the REPL user sees it: up to the REPL's own frames. */
    private static List<String> traceback(Throwable failure) {
        List<String> lines = new ArrayList<>();
        lines.add(failure.toString());
        for (StackTraceElement frame : failure.getStackTrace()) {
            String className = frame.getClassName();
            if (className.startsWith("scala.tools.nsc.") || className.startsWith("jdk.internal.reflect.")
                    || className.startsWith("sun.reflect.") || className.startsWith("java.lang.reflect.")) {
                break;
            }
            lines.add("  at " + frame);
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            lines.add("Caused by: " + cause);
        }
        return List.copyOf(lines);
    }

    /**
     * Interrupts the statement's code, but only once it runs: an interrupt that reaches the
     * compiler aborts the compilation half-way. The runner repeats a cancel until the statement
     * ends, so one skipped while the statement compiles is sent again.
     */
    @Override
    public void cancel(int statementId) {
        Thread thread = runningThread;
        if (thread != null && runningStatementId == statementId && runsStatementCode(thread)) {
            thread.interrupt();
        }
    }

    /** Whether a class the REPL generated for a statement ({@code $line7.$read$$iw}) is on the thread's stack. */
    private static boolean runsStatementCode(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith("$line")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void kill() {
        killed = true;
        Thread thread = runningThread;
        if (thread != null) {
            thread.interrupt();
        }
        // The thread cannot be stopped safely; it is left to finish on its own, without a REPL to return to.
        replThread.shutdownNow();
        IOException failure = new IOException("The Scala interpreter was abandoned");
        pending.values().forEach(result -> result.completeExceptionally(failure));
        pending.clear();
        LOG.warn("Abandoned the Scala interpreter thread {}", thread == null ? "(idle)" : thread.getName());
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public String description() {
        return "the Scala interpreter";
    }

    @Override
    public String whyCancelsAreIgnored() {
        return "its code does not react to Thread.interrupt";
    }

    @Override
    public String whatKillDid() {
        return "the Scala interpreter was abandoned (a thread of the driver cannot be killed: the statement's code may go on running, "
                + "its Spark jobs are cancelled as they start)";
    }

    @Override
    public String predefinedNames() {
        return "spark, sc and the Glue imports";
    }

    @Override
    public void close() {
        replThread.shutdownNow();
        StatementRepl current = repl;
        if (current != null && !killed) {
            try {
                current.close();
            }
            catch (RuntimeException e) {
                LOG.debug("Cannot close the Scala interpreter", e);
            }
        }
    }

    /** The jars of the driver's class loader (spark-submit's --jars, the session's --extra-jars). */
    private static String userClassPath(ClassLoader loader) {
        List<String> entries = new ArrayList<>();
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        entries.add(Path.of(java.net.URI.create(url.toString())).toString());
                    }
                }
            }
        }
        entries.add(System.getProperty("java.class.path", ""));
        return entries.stream().filter(entry -> !entry.isEmpty()).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** Scala's REPL with the statement-relative reporter, and the exception of the last statement. */
    static final class StatementRepl extends IMain {
        private ScalaCompilerReporter reporter;

        StatementRepl(Settings settings, PrintWriter out) {
            super(settings, out);
        }

        @Override
        public synchronized ReplReporter reporter() {
            // Replaces IMain's lazy val; may be first asked for while IMain is being constructed.
            if (reporter == null) {
                reporter = new ScalaCompilerReporter(this);
            }
            return reporter;
        }

        ScalaCompilerReporter statementReporter() {
            return (ScalaCompilerReporter) reporter();
        }

        /** The value of the REPL's {@code lastException}, null before any statement threw. */
        Object lastException() {
            try {
                scala.Option<Object> value = valueOfTerm("lastException");
                return value.isDefined() ? value.get() : null;
            }
            catch (RuntimeException e) {
                return null;
            }
        }
    }
}
