package dev.epoxy.glue.io;

import static dev.epoxy.glue.io.IoFixtures.paths;
import static dev.epoxy.glue.io.IoFixtures.pathsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.SparkTestBase;
import dev.epoxy.glue.types.AtomicType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSparkFormatReader extends SparkTestBase {
    @TempDir
    Path dir;

    private static Dataset<Row> sales(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create(i, i % 2 == 0 ? "eu" : "us", new java.math.BigDecimal(i + ".25")));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, true),
                DataTypes.createStructField("region", DataTypes.StringType, true),
                DataTypes.createStructField("amount", DataTypes.createDecimalType(10, 2), true))));
    }

    private DynamicFrame read(String format, String connectionOptions) {
        return IoFixtures.read(glueContext, connectionOptions, format, "{}");
    }

    @Test
    void parquetKeepsSparkTypesAndPartitionColumnsAndHonoursExclusions() {
        Path out = dir.resolve("sales");
        sales(20).write().partitionBy("region").parquet(out.toString());
        DynamicFrame all = read("parquet", paths(out));
        assertThat(all.count()).isEqualTo(20);
        assertThat(all.schema().field("id").orElseThrow().type()).isEqualTo(AtomicType.INT);
        assertThat(all.schema().field("amount").orElseThrow().type()).isEqualTo(new dev.epoxy.glue.types.DecimalType(10, 2));
        assertThat(all.schema().fieldNames()).contains("region");
        DynamicFrame withoutEu = read("parquet",
                pathsWith(out, "\"exclusions\": \"[\\\"**region=eu/**\\\"]\""));
        assertThat(withoutEu.count()).isEqualTo(10);
        assertThat(withoutEu.toDF().where("region = 'us'").count()).isEqualTo(10);
    }

    @Test
    void pushDownPredicateFiltersPartitions() {
        Path out = dir.resolve("pruned");
        sales(20).write().partitionBy("region").parquet(out.toString());
        DynamicFrame eu = IoFixtures.readWhere(glueContext, paths(out), "region == 'eu'", "parquet", "{}");
        assertThat(eu.count()).isEqualTo(10);
        assertThat(eu.toDF().where("region != 'eu'").count()).isZero();
        assertThatThrownBy(() -> IoFixtures.readWhere(glueContext, paths(out), "year == '2026'", "parquet", "{}"))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessageStartingWith("Cannot apply push_down_predicate year == '2026': ")
                .hasMessageContaining("year");
    }

    @Test
    void orcRecurseReadsNestedDirectories() {
        Path root = dir.resolve("orc");
        sales(6).write().orc(root.resolve("2024/01").toString());
        sales(4).write().orc(root.resolve("2024/02").toString());
        assertThat(read("orc", pathsWith(root, "\"recurse\": true")).count()).isEqualTo(10);
    }

    @Test
    void avroAcceptsTheVersionOption() {
        Path out = dir.resolve("avro");
        sales(5).write().format("avro").save(out.toString());
        DynamicFrame frame = IoFixtures.read(glueContext, paths(out), "avro", "{\"version\": \"1.8\"}");
        assertThat(frame.count()).isEqualTo(5);
        assertThat(frame.schema().field("amount").orElseThrow().type()).isEqualTo(new dev.epoxy.glue.types.DecimalType(10, 2));
    }

    @Test
    void emptyParquetDirectoryIsACleanReadError() throws java.io.IOException {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> read("parquet", paths(empty)))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessageStartingWith("Cannot read parquet from " + empty.toUri())
                .hasMessageContaining("Unable to infer schema for Parquet");
    }

    @Test
    void missingParquetPathFailsNamingIt() {
        String missing = dir.resolve("absent").toUri().toString();
        assertThatThrownBy(() -> read("parquet", paths(missing)))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Path does not exist: " + missing);
    }
}
