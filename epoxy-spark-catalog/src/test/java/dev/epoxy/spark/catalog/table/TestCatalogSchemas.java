package dev.epoxy.spark.catalog.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.spark.catalog.CatalogException;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class TestCatalogSchemas {
    @Test
    void hiveTypesParseToSparkTypes() {
        StructType schema = CatalogSchemas.toSparkSchema("db.t", List.of(
                column("id", "bigint"), column("amount", "decimal(10,2)"), column("name", "varchar(20)"),
                column("items", "array<struct<sku:string,qty:int>>"), column("tags", "map<string,string>")));
        assertThat(schema.apply("id").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("amount").dataType()).isEqualTo(DataTypes.createDecimalType(10, 2));
        assertThat(schema.apply("name").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(schema.apply("items").dataType().catalogString()).isEqualTo("array<struct<sku:string,qty:int>>");
        assertThat(schema.apply("tags").dataType())
                .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    }

    @Test
    void columnsRoundTripThroughSpark() {
        List<Column> columns = List.of(column("id", "bigint"), column("when", "timestamp"),
                column("nested", "struct<a:int,b:array<double>>"), Column.builder().name("c").type("string").comment("note").build());
        assertThat(CatalogSchemas.toColumns(CatalogSchemas.toSparkSchema("db.t", columns))).isEqualTo(columns);
    }

    @Test
    void tableSchemaIsDataColumnsThenPartitionKeys() {
        Table table = Table.builder().databaseName("db").name("t")
                .storageDescriptor(StorageDescriptor.builder().columns(column("id", "string")).build())
                .partitionKeys(column("year", "string"), column("month", "int"))
                .build();
        assertThat(CatalogSchemas.tableSchema(table).fieldNames()).containsExactly("id", "year", "month");
        assertThat(CatalogSchemas.partitionSchema(table).apply("month").dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void badTypeIsAnErrorNamingTableAndColumn() {
        assertThatThrownBy(() -> CatalogSchemas.toSparkSchema("db.t", List.of(column("x", "strng<"))))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Table db.t: column x has type 'strng<', which is not a Hive type");
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }
}
