package dev.epoxy.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import scala.Option;

/**
 * A Glue job run with a Scala script ({@code --job-language scala}): {@code ScalaJobMain SCRIPT
 * [--KEY value ...]}, started by spark-submit as the Python wrapper is for Python scripts. Compiles
 * the script at run start as Glue does, against Glue's Scala API (the epoxy-glue-scala jar), into a
 * directory executors load classes from ({@code spark.repl.class.outputDir}, set before the script
 * creates its SparkContext), then calls {@code main(sysArgs)} of the object {@code --class} names
 * with every {@code --KEY value}. A compile error or the exception that ends the script is written
 * as {@code {"type", "message"}} to {@code EPOXY_JOBRUN_ERROR_FILE}, the wrapper's contract.
 */
public final class ScalaJobMain {
    private static final String CLASS_ARGUMENT = "--class";

    private ScalaJobMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            fail("UsageError", "Usage: ScalaJobMain SCRIPT [--KEY value ...]");
        }
        Path script = Path.of(args[0]);
        String[] sysArgs = Arrays.copyOfRange(args, 1, args.length);
        String className = arguments(sysArgs).get(CLASS_ARGUMENT);
        if (className == null || className.isBlank()) {
            fail("InvalidInputException", "A Scala job needs --class, the object whose main(sysArgs: Array[String]) runs the script");
        }
        int code = 0;
        try {
            Class<?> app = compile(script).loadClass(className.strip());
            Method main = app.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                fail("InvalidInputException", "--class " + className + " has no main(sysArgs: Array[String]) of an object");
            }
            main.invoke(null, (Object) sysArgs);
        }
        catch (ClassNotFoundException e) {
            fail("InvalidInputException", "The script " + script.getFileName() + " defines no object " + className + " (named by --class)");
        }
        catch (NoSuchMethodException e) {
            fail("InvalidInputException", "The object " + className + " has no main(sysArgs: Array[String])");
        }
        catch (InvocationTargetException e) {
            Throwable error = e.getCause();
            error.printStackTrace();
            writeError(error.getClass().getSimpleName(), String.valueOf(error.getMessage()));
            code = 1;
        }
        catch (IllegalAccessException e) {
            fail("InvalidInputException", "main of " + className + " is not public");
        }
        finally {
            // As Glue does at the end of a run: a script that did not stop Spark has it stopped here.
            Option<SparkContext> active = SparkContext$.MODULE$.getActive();
            if (active.isDefined()) {
                active.get().stop();
            }
        }
        System.exit(code);
    }

    private static ClassLoader compile(Path script) {
        String source;
        try {
            source = Files.readString(script, UTF_8);
        }
        catch (IOException e) {
            fail("IOException", "Cannot read the script " + script + ": " + e.getMessage());
            return null;
        }
        Path classes;
        try {
            classes = Files.createTempDirectory("epoxy-scala-job-classes-");
        }
        catch (IOException e) {
            fail("IOException", "Cannot create the directory of the script's classes: " + e.getMessage());
            return null;
        }
        // Before the script's own SparkContext starts: it serves this directory to executors.
        System.setProperty("spark.repl.class.outputDir", classes.toString());
        ScalaInterpreter.StatementRepl compiler = new ScalaInterpreter.StatementRepl(ScalaInterpreter.replSettings(classes),
                new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true));
        compiler.initializeSynchronous();
        compiler.statementReporter().startSource(script.getFileName().toString(), source);
        if (!compiler.compileString(source)) {
            String errors = String.join("\n", compiler.statementReporter().statementErrors());
            System.err.println(errors);
            fail("CompileError", errors);
        }
        return compiler.classLoader();
    }

    private static Map<String, String> arguments(String[] sysArgs) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i + 1 < sysArgs.length; i++) {
            if (sysArgs[i].startsWith("--")) {
                arguments.put(sysArgs[i], sysArgs[i + 1]);
            }
        }
        return arguments;
    }

    private static void fail(String type, String message) {
        System.err.println(type + ": " + message);
        writeError(type, message);
        System.exit(1);
    }

    private static void writeError(String type, String message) {
        String errorFile = System.getenv("EPOXY_JOBRUN_ERROR_FILE");
        if (errorFile == null || errorFile.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(errorFile);
            Path temporary = Path.of(errorFile + ".tmp");
            Map<String, String> error = new LinkedHashMap<>();
            error.put("type", type);
            error.put("message", message);
            Files.writeString(temporary, new ObjectMapper().writeValueAsString(error), UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            System.err.println("Cannot write the error file " + errorFile + ": " + e.getMessage());
        }
    }
}
