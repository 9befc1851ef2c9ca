package dev.epoxy.spark.catalog.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.types.DataType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** ALTER TABLE changes applied to a Glue table, giving the UpdateTable input. */
final class TableAlterations {
    private TableAlterations() {}

    static TableInput apply(GlueSparkTable sparkTable, List<TableChange> changes) {
        Table table = sparkTable.glueTable();
        Map<String, String> parameters = new HashMap<>(Optional.ofNullable(table.parameters()).orElse(Map.of()));
        List<Column> columns = new ArrayList<>(table.storageDescriptor().columns());
        String description = table.description();
        for (TableChange change : changes) {
            if (change instanceof TableChange.SetProperty set) {
                if (set.property().equals("comment")) {
                    description = set.value();
                } else {
                    parameters.put(set.property(), set.value());
                }
            } else if (change instanceof TableChange.RemoveProperty remove) {
                parameters.remove(remove.property());
            } else if (change instanceof TableChange.AddColumn add && add.fieldNames().length == 1) {
                DataType type = add.dataType();
                columns.add(Column.builder().name(add.fieldNames()[0].toLowerCase(java.util.Locale.ROOT))
                        .type(type.catalogString()).comment(add.comment()).build());
            } else if (change instanceof TableChange.UpdateColumnComment comment && comment.fieldNames().length == 1) {
                String name = comment.fieldNames()[0];
                columns.replaceAll(column -> column.name().equalsIgnoreCase(name) ? column.toBuilder().comment(comment.newComment()).build() : column);
            } else {
                throw new UnsupportedOperationException("ALTER TABLE change not supported on Glue Data Catalog table "
                        + sparkTable.qualifiedName() + ": " + change.getClass().getSimpleName());
            }
        }
        return TableInput.builder()
                .name(table.name())
                .description(description)
                .owner(table.owner())
                .retention(table.retention())
                .tableType(table.tableType())
                .parameters(parameters)
                .partitionKeys(table.partitionKeys())
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .storageDescriptor(table.storageDescriptor().toBuilder().columns(columns).build())
                .build();
    }
}
