package dev.epoxy.driver;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tiny SQL query and one tiny job in a new driver, on a background thread, while the Python
 * interpreter starts and the user writes the first cell. Spark's first query of a JVM costs seconds
 * (class loading, the analyzer's and optimizer's first run, code generation, the first task): measured
 * on 2 cores, 4.4 s for {@code SELECT 1} and 2.3 s more for the first job, against 0.4 s for the first
 * Glue catalog call (warmed here too when Spark's catalog is Glue's; docs/benchmarks.md, "Cold start of a session's first query"). Without this the
 * first statement of every session pays it. The jobs run in their own job group, so statement
 * cancellation and progress never see them.
 */
final class SparkWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SparkWarmUp.class);
    /** Spark setting that turns the warm-up off ({@code false}); on by default. */
    static final String ENABLED = "spark.epoxy.warm-up";
    static final String JOB_GROUP = "epoxy-warm-up";
    private static final String SESSION_CATALOG = "spark.sql.catalog.spark_catalog";
    private static final String GLUE_SESSION_CATALOG = "dev.epoxy.spark.catalog.sql.GlueSessionCatalog";

    private SparkWarmUp() {}

    /** Starts the warm-up on a daemon thread unless {@link #ENABLED} is false; returns at once. */
    static void start(SparkSession spark) {
        requireNonNull(spark, "spark is null");
        if (!spark.sparkContext().getConf().getBoolean(ENABLED, true)) {
            return;
        }
        Thread thread = new Thread(() -> run(spark), "epoxy-spark-warm-up");
        thread.setDaemon(true);
        // Below the statements' threads: a statement that arrives early goes first.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run(SparkSession spark) {
        long started = System.nanoTime();
        try {
            spark.sparkContext().setJobGroup(JOB_GROUP, "Epoxy warm-up: Spark's first query and job, run before the first statement", true);
            spark.sql("SELECT 1 AS one").collect();
            spark.range(0, 16, 1, 1).selectExpr("sum(id) AS total").collect();
            if (spark.conf().get(SESSION_CATALOG, "").equals(GLUE_SESSION_CATALOG)) {
                // Builds the driver's shared Glue client and makes its first call (GetDatabase).
                spark.catalog().databaseExists("default");
            }
            LOG.info("Spark warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        catch (RuntimeException e) {
            // Only a lost optimisation: the first statement then pays the cold start itself.
            LOG.warn("Spark warm-up failed: {}", e.toString());
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
    }
}
