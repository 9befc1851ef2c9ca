package dev.epoxy.spark.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.TableInput;

class TestTableDefinition {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType).add("year", DataTypes.StringType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));

    @Test
    void partitionColumnsBecomePartitionKeysAndTheRestColumns() {
        TableDefinition definition = new TableDefinition("db", "t", SCHEMA, List.of("YEAR"), "parquet", Map.of(),
                Optional.empty(), Optional.of("orders"), false);

        TableInput input = definition.toTableInput("s3://b/db/t");

        assertThat(input.name()).isEqualTo("t");
        assertThat(input.description()).isEqualTo("orders");
        assertThat(input.tableType()).isEqualTo("MANAGED_TABLE");
        assertThat(input.partitionKeys()).containsExactly(Column.builder().name("year").type("string").build());
        assertThat(input.storageDescriptor().columns()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "bigint"), org.assertj.core.groups.Tuple.tuple("tags", "array<string>"));
        assertThat(input.storageDescriptor().location()).isEqualTo("s3://b/db/t");
        assertThat(input.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(input.parameters()).containsEntry("classification", "parquet").doesNotContainKey("EXTERNAL");
    }

    @Test
    void externalCsvWithHeaderKeepsItsOptions() {
        TableDefinition definition = new TableDefinition("db", "t", SCHEMA, List.of(), "CSV", Map.of("header", "true", "sep", ";"),
                Optional.of("s3://b/x"), Optional.empty(), true);

        TableInput input = definition.toTableInput("s3://b/x");

        assertThat(input.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(input.parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1")
                .containsEntry("EXTERNAL", "TRUE");
        assertThat(input.storageDescriptor().serdeInfo().parameters()).containsEntry("separatorChar", ";");
        assertThat(input.partitionKeys()).isEmpty();
    }

    @Test
    void partitionColumnMissingFromTheSchemaIsRejected() {
        TableDefinition definition = new TableDefinition("db", "t", SCHEMA, List.of("month"), "json", Map.of(),
                Optional.empty(), Optional.empty(), false);

        assertThatThrownBy(() -> definition.toTableInput("s3://b/t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition column month is not a column of db.t");
    }
}
