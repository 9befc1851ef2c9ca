package dev.epoxy.glue;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * The base of test classes that need Spark: one {@link TestingSpark} session and its {@link
 * GlueContext} per test class, stopped after the class (Iceberg's {@code TestBase}).
 */
public abstract class SparkTestBase {
    protected static SparkSession spark;
    protected static GlueContext glueContext;

    @BeforeAll
    static void startSpark(TestInfo testInfo) {
        spark = TestingSpark.create(testInfo.getTestClass().orElseThrow());
        glueContext = new GlueContext(spark);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }
}
