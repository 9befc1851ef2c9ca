package dev.epoxy.glue;

import org.apache.spark.sql.SparkSession;

/** Local SparkSessions for tests: local[2], UI off, few shuffle partitions. One per test class. */
public final class TestingSpark {
    private TestingSpark() {}

    public static SparkSession create(Class<?> testClass) {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        return SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
