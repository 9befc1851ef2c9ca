package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Applies a crawl's plan to the Data Catalog through the Glue API, following the crawler's
 * SchemaChangePolicy and RecrawlPolicy: new tables are created; a changed table is updated only with
 * UPDATE_IN_DATABASE (and never when crawling new folders only); partitions of new folders are added;
 * tables and partitions whose data is gone are deleted only with DELETE_FROM_DATABASE (DEPRECATE_IN_DATABASE
 * marks a table with the parameter {@code DEPRECATED_BY_CRAWLER}).
 */
final class CatalogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWriter.class);
    /** BatchCreatePartition and BatchDeletePartition take at most this many partitions (the model's limits). */
    static final int PARTITION_BATCH = 100;
    static final int DELETE_BATCH = 25;
    static final String UPDATED_BY_CRAWLER = "UPDATED_BY_CRAWLER";

    private final GlueClient glue;
    private final CrawlRequest request;
    private int tablesCreated;
    private int tablesUpdated;
    private int tablesDeleted;
    private int partitionsAdded;

    CatalogWriter(GlueClient glue, CrawlRequest request) {
        this.glue = requireNonNull(glue, "glue is null");
        this.request = requireNonNull(request, "request is null");
    }

    record Counts(int tablesCreated, int tablesUpdated, int tablesDeleted, int partitionsAdded) {}

    /** Checks that the crawler's database exists, before anything is planned or written. */
    void checkDatabase() {
        try {
            glue.getDatabase(builder -> builder.name(request.databaseName()));
        }
        catch (EntityNotFoundException e) {
            throw new CrawlException("Database not found: " + request.databaseName() + " (create it before crawling into it)");
        }
    }

    /** The tables this crawler made earlier in its database: parameter {@code UPDATED_BY_CRAWLER} is its name. */
    List<Table> crawlerTables() {
        List<Table> tables = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetTablesResponse response = glue.getTables(builder -> builder.databaseName(request.databaseName()).nextToken(page));
            for (Table table : response.tableList()) {
                String madeBy = Optional.ofNullable(table.parameters()).map(parameters -> parameters.get(UPDATED_BY_CRAWLER)).orElse("");
                if (madeBy.equals(request.crawlerName()) && table.storageDescriptor() != null && table.storageDescriptor().location() != null) {
                    tables.add(table);
                }
            }
            token = response.nextToken();
        }
        while (token != null && !token.isEmpty());
        return tables;
    }

    /** The names of {@code tables} by location (the first of a location when several share it). */
    static Map<String, String> namesByLocation(List<Table> tables) {
        Map<String, String> names = new LinkedHashMap<>();
        tables.forEach(table -> names.putIfAbsent(table.storageDescriptor().location(), table.name()));
        return names;
    }

    Counts apply(List<TablePlan> plans) {
        for (TablePlan plan : plans) {
            apply(plan);
        }
        return new Counts(tablesCreated, tablesUpdated, tablesDeleted, partitionsAdded);
    }

    private void apply(TablePlan plan) {
        Optional<Table> existing = findTable(plan.tableName());
        boolean newFoldersOnly = request.recrawlBehavior() == CrawlRequest.RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
        if (plan.table().isEmpty()) {
            // Crawling new folders only, no files means no new folders, not that the data is gone.
            if (existing.isPresent() && !newFoldersOnly) {
                tableGone(existing.get(), plan.location());
            }
            return;
        }
        CatalogTable table = plan.table().get();
        TableInput input = table.tableInput();
        if (existing.isEmpty()) {
            glue.createTable(builder -> builder.databaseName(request.databaseName()).tableInput(input));
            tablesCreated++;
            LOG.info("Created table {}.{}", request.databaseName(), table.name());
        }
        else if (differs(existing.get(), table)) {
            if (request.updateBehavior() == CrawlRequest.UpdateBehavior.UPDATE_IN_DATABASE && !newFoldersOnly) {
                glue.updateTable(builder -> builder.databaseName(request.databaseName()).tableInput(input));
                tablesUpdated++;
                LOG.info("Updated the schema of table {}.{}", request.databaseName(), table.name());
            }
            else {
                LOG.info("The schema of table {}.{} changed; not updated (UpdateBehavior {}, RecrawlBehavior {})",
                        request.databaseName(), table.name(), request.updateBehavior(), request.recrawlBehavior());
            }
        }
        if (!table.partitionKeys().isEmpty()) {
            syncPartitions(table, plan.partitions(), newFoldersOnly);
        }
    }

    private void syncPartitions(CatalogTable table, Map<List<String>, String> found, boolean newFoldersOnly) {
        Set<List<String>> existing = existingPartitions(table.name());
        List<PartitionInput> added = new ArrayList<>();
        found.forEach((values, folder) -> {
            if (!existing.contains(values)) {
                added.add(PartitionInput.builder().values(values).storageDescriptor(table.storageDescriptor(folder)).parameters(table.parameters()).build());
            }
        });
        for (int from = 0; from < added.size(); from += PARTITION_BATCH) {
            List<PartitionInput> batch = added.subList(from, Math.min(added.size(), from + PARTITION_BATCH));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(builder -> builder.databaseName(request.databaseName())
                    .tableName(table.name()).partitionInputList(batch));
            List<PartitionError> errors = response.errors();
            if (errors != null && !errors.isEmpty()) {
                PartitionError first = errors.get(0);
                throw new CrawlException("Cannot add " + errors.size() + " partitions to " + request.databaseName() + "." + table.name()
                        + ", the first " + first.partitionValues() + ": " + first.errorDetail().errorMessage());
            }
            partitionsAdded += batch.size();
        }
        if (!added.isEmpty()) {
            LOG.info("Added {} partitions to {}.{}", added.size(), request.databaseName(), table.name());
        }
        if (newFoldersOnly) {
            return;
        }
        List<List<String>> gone = existing.stream().filter(values -> !found.containsKey(values)).toList();
        if (gone.isEmpty()) {
            return;
        }
        if (request.deleteBehavior() != CrawlRequest.DeleteBehavior.DELETE_FROM_DATABASE) {
            LOG.info("{} partitions of {}.{} have no data any more; kept (DeleteBehavior {})", gone.size(), request.databaseName(), table.name(), request.deleteBehavior());
            return;
        }
        for (int from = 0; from < gone.size(); from += DELETE_BATCH) {
            List<PartitionValueList> batch = gone.subList(from, Math.min(gone.size(), from + DELETE_BATCH)).stream()
                    .map(values -> PartitionValueList.builder().values(values).build()).toList();
            BatchDeletePartitionResponse response = glue.batchDeletePartition(builder -> builder.databaseName(request.databaseName())
                    .tableName(table.name()).partitionsToDelete(batch));
            if (response.errors() != null && !response.errors().isEmpty()) {
                throw new CrawlException("Cannot delete partitions of " + request.databaseName() + "." + table.name() + ": "
                        + response.errors().get(0).errorDetail().errorMessage());
            }
        }
        LOG.info("Deleted {} partitions of {}.{} whose data is gone", gone.size(), request.databaseName(), table.name());
    }

    private void tableGone(Table table, String includePath) {
        switch (request.deleteBehavior()) {
            case LOG -> LOG.info("Table {}.{} has no data under {} any more; kept (DeleteBehavior LOG)", request.databaseName(), table.name(), includePath);
            case DELETE_FROM_DATABASE -> {
                glue.deleteTable(builder -> builder.databaseName(request.databaseName()).name(table.name()));
                tablesDeleted++;
                LOG.info("Deleted table {}.{}: no data under {}", request.databaseName(), table.name(), includePath);
            }
            case DEPRECATE_IN_DATABASE -> {
                Map<String, String> parameters = new HashMap<>(Optional.ofNullable(table.parameters()).orElse(Map.of()));
                if (parameters.containsKey("DEPRECATED_BY_CRAWLER")) {
                    return;
                }
                parameters.put("DEPRECATED_BY_CRAWLER", request.crawlerName());
                TableInput input = TableInput.builder()
                        .name(table.name())
                        .description(table.description())
                        .tableType(table.tableType())
                        .parameters(parameters)
                        .partitionKeys(table.partitionKeys())
                        .storageDescriptor(table.storageDescriptor())
                        .build();
                glue.updateTable(builder -> builder.databaseName(request.databaseName()).tableInput(input));
                tablesDeleted++;
                LOG.info("Deprecated table {}.{}: no data under {}", request.databaseName(), table.name(), includePath);
            }
        }
    }

    /** Whether the catalog's table differs from what the crawl found in columns, partition keys, location or what it is (format, connection). */
    static boolean differs(Table existing, CatalogTable found) {
        List<Column> existingColumns = columnsOf(existing.storageDescriptor() == null ? List.of() : existing.storageDescriptor().columns());
        List<Column> existingKeys = columnsOf(existing.partitionKeys());
        Map<String, String> parameters = Optional.ofNullable(existing.parameters()).orElse(Map.of());
        boolean sameKind = found.identifyingParameters().entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(parameters.get(entry.getKey())));
        String location = existing.storageDescriptor() == null ? "" : Optional.ofNullable(existing.storageDescriptor().location()).orElse("");
        return !existingColumns.equals(found.columns())
                || !existingKeys.stream().map(Column::name).toList().equals(found.partitionKeys())
                || !sameKind
                || !location.replaceAll("/+$", "").equals(found.location().replaceAll("/+$", ""));
    }

    private static List<Column> columnsOf(List<software.amazon.awssdk.services.glue.model.Column> columns) {
        if (columns == null) {
            return List.of();
        }
        return columns.stream().map(column -> new Column(column.name(), column.type())).toList();
    }

    private Optional<Table> findTable(String name) {
        try {
            return Optional.of(glue.getTable(builder -> builder.databaseName(request.databaseName()).name(name)).table());
        }
        catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    private Set<List<String>> existingPartitions(String table) {
        Set<List<String>> values = new HashSet<>();
        String token = null;
        do {
            String page = token;
            GetPartitionsResponse response = glue.getPartitions(builder -> builder.databaseName(request.databaseName()).tableName(table).nextToken(page));
            for (Partition partition : response.partitions()) {
                values.add(List.copyOf(partition.values()));
            }
            token = response.nextToken();
        }
        while (token != null && !token.isEmpty());
        return values;
    }
}
