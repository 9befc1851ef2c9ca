package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

class TestJdbcTableDefinition {
    private static final List<Column> COLUMNS = List.of(new Column("id", "int"), new Column("total", "decimal(10,2)"));

    @Test
    void namedAfterEveryLevelWithThePrefixAndLocatedWithDots() {
        assertThat(JdbcTableDefinition.nameOf("pg_", List.of("epoxy", "public", "Order-Items"))).isEqualTo("pg_epoxy_public_order_items");
        assertThat(JdbcTableDefinition.nameOf("", List.of("shop", "orders"))).isEqualTo("shop_orders");

        JdbcTableDefinition table = new JdbcTableDefinition("epoxy_public_orders", JdbcEngine.POSTGRESQL, List.of("epoxy", "public", "orders"), "pg",
                false, COLUMNS, "crawler");
        assertThat(table.location()).isEqualTo("epoxy.public.orders");
        assertThat(new JdbcTableDefinition("shop_v", JdbcEngine.MYSQL, List.of("shop", "v"), "my", true, COLUMNS, "c").location()).isEqualTo("shop.v");
    }

    @Test
    void theTableSaysHowTheRuntimeReadsIt() {
        TableInput input = new JdbcTableDefinition("shop_v", JdbcEngine.MYSQL, List.of("shop", "v"), "my", true, COLUMNS, "c").tableInput();
        assertThat(input.parameters()).containsEntry("classification", "mysql").containsEntry("connectionName", "my")
                .containsEntry("typeOfData", "view").containsEntry("UPDATED_BY_CRAWLER", "c");
        assertThat(input.storageDescriptor().location()).isEqualTo("shop.v");
        assertThat(input.storageDescriptor().columns()).extracting(column -> column.name() + " " + column.type()).containsExactly("id int", "total decimal(10,2)");
        assertThat(input.partitionKeys()).isEmpty();
    }

    @Test
    void aTableOfAnotherConnectionOrKindDiffers() {
        JdbcTableDefinition found = new JdbcTableDefinition("epoxy_public_orders", JdbcEngine.POSTGRESQL, List.of("epoxy", "public", "orders"), "pg",
                false, COLUMNS, "crawler");
        Table same = tableOf(found.tableInput(), found.parameters());
        assertThat(CatalogWriter.differs(same, found)).isFalse();
        Map<String, String> otherConnection = new java.util.HashMap<>(found.parameters());
        otherConnection.put("connectionName", "old");
        assertThat(CatalogWriter.differs(tableOf(found.tableInput(), otherConnection), found)).isTrue();
        JdbcTableDefinition moreColumns = new JdbcTableDefinition(found.name(), found.engine(), found.path(), "pg", false,
                List.of(new Column("id", "int"), new Column("total", "decimal(10,2)"), new Column("note", "string")), "crawler");
        assertThat(CatalogWriter.differs(same, moreColumns)).isTrue();
    }

    private static Table tableOf(TableInput input, Map<String, String> parameters) {
        StorageDescriptor descriptor = input.storageDescriptor();
        return Table.builder().name(input.name()).parameters(parameters).storageDescriptor(descriptor).partitionKeys(input.partitionKeys()).build();
    }
}
