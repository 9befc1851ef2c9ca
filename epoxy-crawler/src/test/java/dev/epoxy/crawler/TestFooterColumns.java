package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the column names of Parquet, ORC and Avro files that a real local SparkSession wrote. */
class TestFooterColumns {
    private static SparkSession spark;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("TestFooterColumns").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private DataFile written(String format) throws IOException {
        Path folder = directory.resolve(format);
        spark.sql("SELECT 1L AS Id, 'x' AS label, named_struct('a', 1) AS nested").write().format(format).save(folder.toString());
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.filter(path -> !path.getFileName().toString().startsWith(".") && !path.getFileName().toString().startsWith("_"))
                    .findFirst().orElseThrow();
            return new DataFile(file.toUri().toString(), List.of(), Files.size(file));
        }
    }

    @Test
    void topLevelColumnNamesOfEachBinaryFormat() throws IOException {
        FooterColumns footers = new FooterColumns(spark.sparkContext().hadoopConfiguration());
        assertThat(footers.namesOf(written("parquet"), Classification.PARQUET)).containsExactly("id", "label", "nested");
        assertThat(footers.namesOf(written("orc"), Classification.ORC)).containsExactly("id", "label", "nested");
        assertThat(footers.namesOf(written("avro"), Classification.AVRO)).containsExactly("id", "label", "nested");
    }

    @Test
    void aBrokenFooterFailsNamingTheFile() throws IOException {
        Path file = directory.resolve("fake.parquet");
        Files.writeString(file, "PAR1 not really PAR1");
        DataFile fake = new DataFile(file.toUri().toString(), List.of(), Files.size(file));
        assertThatThrownBy(() -> new FooterColumns(spark.sparkContext().hadoopConfiguration()).namesOf(fake, Classification.PARQUET))
                .isInstanceOf(CrawlException.class)
                .hasMessageStartingWith("Unreadable parquet file " + fake.uri());
    }
}
