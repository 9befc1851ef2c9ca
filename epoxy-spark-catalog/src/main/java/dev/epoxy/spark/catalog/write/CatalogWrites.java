package dev.epoxy.spark.catalog.write;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.read.CatalogPartition;
import dev.epoxy.spark.catalog.read.GluePartitionSource;
import dev.epoxy.spark.catalog.table.CatalogSchemas;
import dev.epoxy.spark.catalog.table.CatalogTables;
import dev.epoxy.spark.catalog.table.HiveStorageFormat;
import dev.epoxy.spark.catalog.table.TableFormats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * The catalog side of writes that update the Data Catalog (Glue's {@code enableUpdateCatalog}, {@code
 * write_dynamic_frame.from_catalog}, and Spark SQL's inserts): create the table, update its schema, and
 * register the partitions the write produced. The files themselves are written by the caller.
 */
public final class CatalogWrites {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWrites.class);
    // BatchCreatePartition takes at most 100 partitions per call.
    private static final int PARTITION_BATCH = 100;

    private CatalogWrites() {}

    /**
     * The table, created first (EXTERNAL_TABLE at {@code location}, Hive storage for {@code format} and
     * {@code options}, data columns from {@code schema} without the partition keys, partition keys typed
     * from {@code schema}) when it does not exist.
     *
     * @throws CatalogException NOT_FOUND when the database does not exist, INVALID_INPUT for a partition key
     *     that is not in {@code schema}, or for an existing table whose partition keys differ
     */
    public static Table ensureTable(GlueClient glue, Optional<String> catalogId, String database, String table, String location,
            String format, Map<String, String> options, StructType schema, List<String> partitionKeys) {
        Optional<Table> existing = CatalogTables.findTable(glue, catalogId, database, table);
        if (existing.isPresent()) {
            checkPartitionKeys(existing.get(), partitionKeys);
            return existing.get();
        }
        HiveStorageFormat storage = TableFormats.storageFormat(format, options);
        TableInput input = TableInput.builder()
                .name(table)
                .tableType("EXTERNAL_TABLE")
                .parameters(TableFormats.tableParameters(storage, options))
                .partitionKeys(partitionColumns(database, table, schema, partitionKeys))
                .storageDescriptor(TableFormats.storageDescriptor(storage)
                        .location(location)
                        .columns(CatalogSchemas.toColumns(dataColumns(schema, partitionKeys)))
                        .build())
                .build();
        CreateTableRequest.Builder request = CreateTableRequest.builder().databaseName(database).tableInput(input);
        catalogId.filter(id -> !id.isBlank()).ifPresent(request::catalogId);
        try {
            glue.createTable(request.build());
            LOG.info("Created table {}.{} at {}", database, table, location);
        } catch (AlreadyExistsException e) {
            // Another writer created it in between: use theirs.
            LOG.debug("Table {}.{} was created concurrently", database, table);
        } catch (software.amazon.awssdk.services.glue.model.EntityNotFoundException e) {
            throw CatalogException.notFound("Cannot create table %s.%s: database %s does not exist", database, table, database);
        } catch (SdkException e) {
            throw CatalogTables.catalogError(e, "Cannot create table %s.%s", database, table);
        }
        return CatalogTables.loadTable(glue, catalogId, database, table);
    }

    /**
     * Applies {@code behavior} to the table schema for a write of {@code schema}: {@link
     * UpdateBehavior#UPDATE_IN_DATABASE} makes the written data columns the table's columns (UpdateTable)
     * when they differ; {@link UpdateBehavior#LOG} logs the difference. Returns the table as it is now.
     */
    public static Table updateSchema(GlueClient glue, Optional<String> catalogId, Table table, StructType schema,
            UpdateBehavior behavior) {
        List<String> partitionKeys = partitionKeyNames(table);
        List<Column> written = CatalogSchemas.toColumns(dataColumns(schema, partitionKeys));
        List<Column> current = table.storageDescriptor() != null && table.storageDescriptor().hasColumns()
                ? table.storageDescriptor().columns() : List.of();
        if (sameColumns(written, current)) {
            return table;
        }
        switch (behavior) {
            case LOG -> {
                LOG.warn("Table {}.{}: the written columns {} differ from the table's {}; updateBehavior LOG keeps the table's",
                        table.databaseName(), table.name(), describe(written), describe(current));
                return table;
            }
            case UPDATE_IN_DATABASE -> {
                StorageDescriptor descriptor = table.storageDescriptor().toBuilder().columns(written).build();
                UpdateTableRequest.Builder request = UpdateTableRequest.builder()
                        .databaseName(table.databaseName())
                        .tableInput(tableInput(table).storageDescriptor(descriptor).build());
                catalogId.filter(id -> !id.isBlank()).ifPresent(request::catalogId);
                try {
                    glue.updateTable(request.build());
                } catch (SdkException e) {
                    throw CatalogTables.catalogError(e, "Cannot update the schema of table %s.%s", table.databaseName(), table.name());
                }
                LOG.info("Table {}.{}: columns updated to {}", table.databaseName(), table.name(), describe(written));
                return table.toBuilder().storageDescriptor(descriptor).build();
            }
        }
        throw new IllegalStateException("Unknown update behavior " + behavior);
    }

    /**
     * Registers, with BatchCreatePartition, the Hive-style partition directories ({@code key=value/...}, in
     * the table's key order) under the table location that the catalog does not list yet, with the table's
     * storage and columns. Returns the values of the partitions registered.
     *
     * @throws CatalogException CATALOG_ERROR when the catalog refuses a partition for another reason than
     *     that it exists already
     */
    public static List<List<String>> registerNewPartitions(GlueClient glue, Optional<String> catalogId, Table table,
            Configuration hadoopConf) {
        List<String> keys = partitionKeyNames(table);
        if (keys.isEmpty()) {
            return List.of();
        }
        String location = table.storageDescriptor().location();
        List<List<String>> onStorage = partitionDirectories(hadoopConf, new Path(location), keys);
        Set<List<String>> known = new HashSet<>();
        for (CatalogPartition partition : new GluePartitionSource(glue, catalogId, table.databaseName(), table.name())
                .partitions(Optional.empty())) {
            known.add(partition.values());
        }
        List<PartitionInput> inputs = new ArrayList<>();
        List<List<String>> added = new ArrayList<>();
        for (List<String> values : onStorage) {
            if (!known.contains(values)) {
                inputs.add(partitionInput(table, values));
                added.add(values);
            }
        }
        for (int start = 0; start < inputs.size(); start += PARTITION_BATCH) {
            createPartitions(glue, catalogId, table, inputs.subList(start, Math.min(inputs.size(), start + PARTITION_BATCH)));
        }
        if (!added.isEmpty()) {
            LOG.info("Table {}.{}: registered {} new partitions", table.databaseName(), table.name(), added.size());
        }
        return List.copyOf(added);
    }

    /** The partition input for {@code values}: the table's storage at {@code <location>/k1=v1/k2=v2}. */
    public static PartitionInput partitionInput(Table table, List<String> values) {
        List<String> keys = partitionKeyNames(table);
        StringBuilder relative = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                relative.append('/');
            }
            relative.append(ExternalCatalogUtils.escapePathName(keys.get(i))).append('=')
                    .append(ExternalCatalogUtils.escapePathName(values.get(i)));
        }
        String location = table.storageDescriptor().location();
        String partitionLocation = (location.endsWith("/") ? location : location + "/") + relative;
        return PartitionInput.builder()
                .values(values)
                .storageDescriptor(table.storageDescriptor().toBuilder().location(partitionLocation).build())
                .build();
    }

    private static void createPartitions(GlueClient glue, Optional<String> catalogId, Table table, List<PartitionInput> inputs) {
        BatchCreatePartitionRequest.Builder request = BatchCreatePartitionRequest.builder()
                .databaseName(table.databaseName()).tableName(table.name()).partitionInputList(inputs);
        catalogId.filter(id -> !id.isBlank()).ifPresent(request::catalogId);
        BatchCreatePartitionResponse response;
        try {
            response = glue.batchCreatePartition(request.build());
        } catch (SdkException e) {
            throw CatalogTables.catalogError(e, "Cannot add partitions to table %s.%s", table.databaseName(), table.name());
        }
        for (PartitionError error : response.hasErrors() ? response.errors() : List.<PartitionError>of()) {
            String code = error.errorDetail() == null ? "" : error.errorDetail().errorCode();
            if (!"AlreadyExistsException".equals(code)) {
                throw new CatalogException(CatalogException.Kind.CATALOG_ERROR, "Cannot add partition %s to table %s.%s: %s: %s",
                        error.partitionValues(), table.databaseName(), table.name(), code,
                        error.errorDetail() == null ? "" : error.errorDetail().errorMessage());
            }
        }
    }

    /** Partition values of the {@code key=value} directories exactly {@code keys.size()} levels under {@code root}. */
    static List<List<String>> partitionDirectories(Configuration hadoopConf, Path root, List<String> keys) {
        List<List<String>> found = new ArrayList<>();
        try {
            FileSystem fileSystem = root.getFileSystem(hadoopConf);
            if (fileSystem.exists(root)) {
                collect(fileSystem, root, keys, 0, new ArrayList<>(), found);
            }
        } catch (IOException e) {
            throw new CatalogException(CatalogException.Kind.NOT_FOUND, e, "Cannot list the partitions written under %s: %s", root,
                    e.getMessage());
        }
        return List.copyOf(found);
    }

    private static void collect(FileSystem fileSystem, Path directory, List<String> keys, int level, List<String> values,
            List<List<String>> found) throws IOException {
        if (level == keys.size()) {
            found.add(List.copyOf(values));
            return;
        }
        String prefix = keys.get(level).toLowerCase(Locale.ROOT) + "=";
        for (FileStatus status : fileSystem.listStatus(directory)) {
            String name = status.getPath().getName();
            if (status.isDirectory() && name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                values.add(ExternalCatalogUtils.unescapePathName(name.substring(prefix.length())));
                collect(fileSystem, status.getPath(), keys, level + 1, values, found);
                values.remove(values.size() - 1);
            }
        }
    }

    private static TableInput.Builder tableInput(Table table) {
        return TableInput.builder()
                .name(table.name())
                .description(table.description())
                .owner(table.owner())
                .lastAccessTime(table.lastAccessTime())
                .lastAnalyzedTime(table.lastAnalyzedTime())
                .retention(table.retention())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.partitionKeys())
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .tableType(table.tableType())
                .parameters(table.parameters())
                .targetTable(table.targetTable());
    }

    private static void checkPartitionKeys(Table table, List<String> partitionKeys) {
        List<String> tableKeys = partitionKeyNames(table);
        List<String> lower = partitionKeys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
        if (!partitionKeys.isEmpty() && !lower.equals(tableKeys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList())) {
            throw CatalogException.invalidInput("partitionKeys %s do not match the partition keys %s of table %s.%s (same keys, same order)",
                    partitionKeys, tableKeys, table.databaseName(), table.name());
        }
    }

    public static List<String> partitionKeyNames(Table table) {
        return table.hasPartitionKeys() ? table.partitionKeys().stream().map(Column::name).toList() : List.of();
    }

    private static List<Column> partitionColumns(String database, String table, StructType schema, List<String> partitionKeys) {
        List<Column> columns = new ArrayList<>();
        for (String key : partitionKeys) {
            StructField field = find(schema, key).orElseThrow(() -> CatalogException.invalidInput(
                    "Cannot create table %s.%s: partition key %s is not a column of the data (%s)", database, table, key,
                    String.join(", ", schema.fieldNames())));
            columns.add(Column.builder().name(field.name().toLowerCase(Locale.ROOT)).type(CatalogSchemas.hiveType(field.dataType())).build());
        }
        return columns;
    }

    private static StructType dataColumns(StructType schema, List<String> partitionKeys) {
        Set<String> keys = new HashSet<>();
        partitionKeys.forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
        StructType result = new StructType();
        for (StructField field : schema.fields()) {
            if (!keys.contains(field.name().toLowerCase(Locale.ROOT))) {
                result = result.add(field);
            }
        }
        return result;
    }

    private static Optional<StructField> find(StructType schema, String name) {
        for (StructField field : schema.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static boolean sameColumns(List<Column> written, List<Column> current) {
        if (written.size() != current.size()) {
            return false;
        }
        for (int i = 0; i < written.size(); i++) {
            if (!written.get(i).name().equalsIgnoreCase(current.get(i).name())
                    || !written.get(i).type().equalsIgnoreCase(current.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<Column> columns) {
        Map<String, String> described = new LinkedHashMap<>();
        columns.forEach(column -> described.put(column.name(), column.type()));
        return described.toString();
    }
}
