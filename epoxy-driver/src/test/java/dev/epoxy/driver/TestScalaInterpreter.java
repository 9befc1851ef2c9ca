package dev.epoxy.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One REPL on a local SparkSession, as a Scala session's driver has. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestScalaInterpreter {
    private SparkSession spark;
    private ScalaInterpreter scala;
    private int nextId;

    @BeforeAll
    void start() throws Exception {
        Path classes = Files.createTempDirectory("repl-classes");
        spark = SparkSession.builder().master("local[1]").appName("test-scala")
                .config("spark.ui.enabled", "false")
                .config("spark.repl.class.outputDir", classes.toString())
                .getOrCreate();
        scala = ScalaInterpreter.start(spark.sparkContext(), classes, 64 * 1024, Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        if (scala != null) {
            scala.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    private InterpreterResult run(String code) throws Exception {
        return scala.execute(nextId++, code).get(2, TimeUnit.MINUTES);
    }

    @Test
    void echoesValuesAndKeepsState() throws Exception {
        // res numbers count every statement of the REPL, and the tests share one.
        assertThat(run("1 + 1").text()).matches("res\\d+: Int = 2\n");
        assertThat(run("val greeting = \"a\" * 3").text()).isEqualTo("greeting: String = aaa\n");
        assertThat(run("println(greeting.length); System.out.println(\"java\")").text()).isEqualTo("3\njava\n");
    }

    @Test
    void runsSparkJobsWithReplClassesOnExecutors() throws Exception {
        InterpreterResult result = run("val offset = 7\ncase class Point(x: Long)\nspark.range(10).rdd.map(i => Point(i.longValue + offset)).map(_.x).sum");
        assertThat(result.status()).as(result.toString()).isEqualTo(InterpreterResult.Status.OK);
        assertThat(result.text()).contains("Double = " + (45.0 + 70.0));
    }

    @Test
    void reportsCompileErrorsWithTheStatementsLine() throws Exception {
        InterpreterResult result = run("val fine = 1\nval broken: Int = \"text\"");
        assertThat(result.status()).isEqualTo(InterpreterResult.Status.ERROR);
        assertThat(result.errorName()).contains("CompileError");
        assertThat(result.errorValue().orElseThrow()).startsWith("<console>:2: error: type mismatch;");
    }

    @Test
    void reportsExceptions() throws Exception {
        InterpreterResult result = run("println(\"before\")\nthrow new IllegalStateException(\"boom\")");
        assertThat(result.status()).isEqualTo(InterpreterResult.Status.ERROR);
        assertThat(result.errorName()).contains("java.lang.IllegalStateException");
        assertThat(result.errorValue()).contains("boom");
        assertThat(result.text()).startsWith("before\n");
        assertThat(result.traceback().get(0)).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void cancelInterruptsTheStatement() throws Exception {
        int id = nextId++;
        CompletableFuture<InterpreterResult> sleeping = scala.execute(id, "Thread.sleep(600000)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // As the runner does: again and again until the statement ends.
        while (!sleeping.isDone() && System.nanoTime() < deadline) {
            scala.cancel(id);
            try {
                sleeping.get(1, TimeUnit.SECONDS);
            }
            catch (java.util.concurrent.TimeoutException e) {
                // still sleeping: interrupt again
            }
        }
        InterpreterResult result = sleeping.get(1, TimeUnit.SECONDS);
        assertThat(result.errorName()).as(result.toString()).contains("java.lang.InterruptedException");
        assertThat(run("\"next\"").text()).matches("res\\d+: String = next\n");
    }

    @Test
    void glueApiIsSpelledAsGluesScalaApi() throws Exception {
        Path input = Files.createTempDirectory("glue-in");
        Files.writeString(input.resolve("part.json"), "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n");
        Path output = Files.createTempDirectory("glue-out").resolve("out");
        InterpreterResult result = run("""
                import com.amazonaws.services.glue.GlueContext
                import com.amazonaws.services.glue.util.JsonOptions
                val glueContext = new GlueContext(sc)
                val frame = glueContext.getSourceWithFormat(connectionType = "s3",
                  options = JsonOptions(Map("paths" -> Seq("%s"))), format = "json").getDynamicFrame()
                val mapped = frame.applyMapping(Seq(("id", "long", "key", "long"), ("name", "string", "label", "string")))
                glueContext.getSinkWithFormat(connectionType = "s3", options = JsonOptions(Map("path" -> "%s")),
                  format = "parquet").writeDynamicFrame(mapped)
                println(mapped.count)
                """.formatted(input.toUri(), output.toUri()));
        assertThat(result.status()).as(result.toString()).isEqualTo(InterpreterResult.Status.OK);
        assertThat(spark.read().parquet(output.toString()).selectExpr("sum(key)", "concat_ws(',', sort_array(collect_list(label)))").first().toString())
                .isEqualTo("[3,a,b]");
    }
}
