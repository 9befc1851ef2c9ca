package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.core.EpoxyException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestGlueArguments {
    @Test
    void confArgumentOfTheKernelBecomesSparkConfs() {
        assertThat(GlueArguments.sparkConf(Map.of("--conf", "spark.sql.shuffle.partitions=7 --conf spark.driver.extraJavaOptions=-Da=1 -Db=2")))
                .isEqualTo(Map.of(
                        "spark.sql.shuffle.partitions", "7",
                        "spark.driver.extraJavaOptions", "-Da=1 -Db=2"));
    }

    @Test
    void singleConfAndValuesContainingEquals() {
        assertThat(GlueArguments.sparkConf(Map.of("--conf", " spark.hadoop.x=a=b ")))
                .isEqualTo(Map.of("spark.hadoop.x", "a=b"));
    }

    @Test
    void launchableArgumentsPass() {
        GlueArguments.checkLaunchable(Map.of("--conf", "spark.driver.memory=4g --conf spark.executor.memory=512M --conf spark.driver.maxResultSize=0"));
        GlueArguments.checkLaunchable(Map.of());
    }

    @Test
    void malformedConfIsNotLaunchable() {
        assertThatThrownBy(() -> GlueArguments.checkLaunchable(Map.of("--conf", "spark.ui.enabled")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid --conf in DefaultArguments (expected key=value): spark.ui.enabled");
    }

    @Test
    void sizeConfThatSparkCannotReadIsNotLaunchable() {
        assertThatThrownBy(() -> GlueArguments.checkLaunchable(Map.of("--conf", "spark.sql.shuffle.partitions=4 --conf spark.driver.memory=lots")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid --conf spark.driver.memory=lots in DefaultArguments: expected a size such as 512m or 2g");
    }

    @Test
    void extraJarsAndPyFilesAreAdded() {
        assertThat(GlueArguments.sparkConf(Map.of("--extra-jars", "/a.jar, /b.jar", "--extra-py-files", "/lib.zip")))
                .containsEntry("spark.jars", "/a.jar,/b.jar")
                .containsEntry("spark.submit.pyFiles", "/lib.zip");
    }

    @Test
    void extraJarsAppendToConfiguredJars() {
        assertThat(GlueArguments.sparkConf(Map.of("--conf", "spark.jars=/c.jar", "--extra-jars", "/a.jar")))
                .containsEntry("spark.jars", "/c.jar,/a.jar");
    }

    @Test
    void otherGlueArgumentsAreIgnored() {
        assertThat(GlueArguments.sparkConf(Map.of("--job-language", "python", "--enable-glue-datacatalog", "false"))).isEmpty();
    }

    @Test
    void glueDataCatalogArgumentMakesGlueTheSessionCatalog() {
        assertThat(GlueArguments.sparkConf(Map.of("--enable-glue-datacatalog", "true")))
                .isEqualTo(Map.of(
                        "spark.sql.catalog.spark_catalog", "dev.epoxy.spark.catalog.sql.GlueSessionCatalog",
                        "spark.sql.extensions", "dev.epoxy.spark.catalog.sql.GlueCatalogExtensions"));
        assertThat(GlueArguments.sparkConf(Map.of("--enable-glue-datacatalog", "")))
                .containsEntry("spark.sql.catalog.spark_catalog", "dev.epoxy.spark.catalog.sql.GlueSessionCatalog");
    }

    @Test
    void glueCatalogExtensionsAppendToUserExtensionsAndUserSessionCatalogWins() {
        assertThat(GlueArguments.sparkConf(Map.of("--enable-glue-datacatalog", "true", "--conf",
                "spark.sql.extensions=org.example.Ext --conf spark.sql.catalog.spark_catalog=org.example.Catalog")))
                .isEqualTo(Map.of(
                        "spark.sql.catalog.spark_catalog", "org.example.Catalog",
                        "spark.sql.extensions", "org.example.Ext,dev.epoxy.spark.catalog.sql.GlueCatalogExtensions"));
    }

    @Test
    void confWithoutKeyValueIsRejected() {
        assertThatThrownBy(() -> GlueArguments.sparkConf(Map.of("--conf", "spark.a=1 --conf nonsense")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Invalid --conf in DefaultArguments (expected key=value): nonsense");
    }
}
