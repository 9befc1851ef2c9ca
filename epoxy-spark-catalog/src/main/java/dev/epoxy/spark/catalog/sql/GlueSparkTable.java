package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.table.CatalogSchemas;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import dev.epoxy.spark.catalog.table.TableFormats;
import dev.epoxy.spark.catalog.write.CatalogWrites;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.NoSuchPartitionException;
import org.apache.spark.sql.catalyst.analysis.PartitionsAlreadyExistException;
import org.apache.spark.sql.connector.catalog.SupportsPartitionManagement;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TruncatableTable;
import org.apache.spark.sql.SparkSession;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * A Glue table as Spark sees it through the session catalog: its schema (columns, then partition keys),
 * identity partitioning on the partition keys, and partitions managed through the Glue API. Reads and writes
 * do not go through V2 scans: {@link GlueRelationRule} turns the relation into a file source relation.
 */
final class GlueSparkTable implements SupportsPartitionManagement, TruncatableTable {
    static final String LOCATION = "location";

    private final GlueCatalogCalls glue;
    private final Table table;
    private final StructType dataSchema;
    private final StructType partitionSchema;

    GlueSparkTable(GlueCatalogCalls glue, Table table) {
        this.glue = requireNonNull(glue, "glue is null");
        this.table = requireNonNull(table, "table is null");
        this.dataSchema = CatalogSchemas.dataSchema(table);
        this.partitionSchema = CatalogSchemas.partitionSchema(table);
    }

    Table glueTable() {
        return table;
    }

    String database() {
        return table.databaseName();
    }

    String tableName() {
        return table.name();
    }

    String qualifiedName() {
        return table.databaseName() + "." + table.name();
    }

    /** The table's location; a table without one cannot be read or written. */
    String location() {
        StorageDescriptor storage = table.storageDescriptor();
        if (storage == null || storage.location() == null || storage.location().isBlank()) {
            throw new IllegalArgumentException("Table " + qualifiedName() + " has no location in the Glue Data Catalog");
        }
        return storage.location();
    }

    StructType dataSchema() {
        return dataSchema;
    }

    SparkTableFormat format() {
        return TableFormats.readFormat(table);
    }

    @Override
    public String name() {
        return qualifiedName();
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        List<StructField> fields = new ArrayList<>(Arrays.asList(dataSchema.fields()));
        fields.addAll(Arrays.asList(partitionSchema.fields()));
        return new StructType(fields.toArray(StructField[]::new));
    }

    @Override
    public Transform[] partitioning() {
        return Arrays.stream(partitionSchema.fieldNames()).map(Expressions::identity).toArray(Transform[]::new);
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        Optional.ofNullable(table.parameters()).ifPresent(properties::putAll);
        Optional.ofNullable(table.storageDescriptor()).map(StorageDescriptor::location)
                .ifPresent(location -> properties.put(TableCatalog.PROP_LOCATION, location));
        Optional.ofNullable(table.owner()).ifPresent(owner -> properties.put(TableCatalog.PROP_OWNER, owner));
        Optional.ofNullable(table.description()).ifPresent(comment -> properties.put(TableCatalog.PROP_COMMENT, comment));
        Optional.ofNullable(table.tableType()).ifPresent(type -> properties.put("table_type", type));
        try {
            properties.put(TableCatalog.PROP_PROVIDER, format().name());
        } catch (CatalogException unknownFormat) {
            // DESCRIBE still works on a table whose format Spark cannot read.
        }
        return properties;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE,
                TableCapability.OVERWRITE_BY_FILTER, TableCapability.OVERWRITE_DYNAMIC);
    }

    @Override
    public StructType partitionSchema() {
        return partitionSchema;
    }

    /** The Glue input for a partition with the given values, stored like the table unless given a location. */
    PartitionInput partitionInput(List<String> values, Optional<String> location) {
        location();
        PartitionInput input = CatalogWrites.partitionInput(table, values);
        return location.map(given -> input.toBuilder()
                .storageDescriptor(input.storageDescriptor().toBuilder().location(given).build()).build()).orElse(input);
    }

    String defaultPartitionLocation(List<String> values) {
        return partitionInput(values, Optional.empty()).storageDescriptor().location();
    }

    @Override
    public void createPartition(InternalRow ident, Map<String, String> properties) throws PartitionsAlreadyExistException {
        List<String> values = PartitionValues.toStrings(ident, partitionSchema);
        PartitionInput input = partitionInput(values, Optional.ofNullable(properties.get(LOCATION)));
        try {
            glue.client().createPartition(request -> request.databaseName(database()).tableName(tableName()).partitionInput(input));
        } catch (AlreadyExistsException e) {
            throw new PartitionsAlreadyExistException("Partition " + values + " of table " + qualifiedName() + " already exists");
        }
    }

    @Override
    public boolean dropPartition(InternalRow ident) {
        List<String> values = PartitionValues.toStrings(ident, partitionSchema);
        try {
            glue.client().deletePartition(request -> request.databaseName(database()).tableName(tableName()).partitionValues(values));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        }
    }

    @Override
    public void replacePartitionMetadata(InternalRow ident, Map<String, String> properties) throws NoSuchPartitionException {
        List<String> values = PartitionValues.toStrings(ident, partitionSchema);
        Partition existing = loadPartition(values);
        Map<String, String> parameters = new HashMap<>(properties);
        String location = parameters.remove(LOCATION);
        StorageDescriptor storage = existing.storageDescriptor().toBuilder()
                .location(location == null ? existing.storageDescriptor().location() : location).build();
        PartitionInput input = PartitionInput.builder().values(values).storageDescriptor(storage).parameters(parameters).build();
        glue.client().updatePartition(request -> request.databaseName(database()).tableName(tableName())
                .partitionValueList(values).partitionInput(input));
    }

    @Override
    public Map<String, String> loadPartitionMetadata(InternalRow ident) {
        List<String> values = PartitionValues.toStrings(ident, partitionSchema);
        try {
            Partition partition = loadPartition(values);
            Map<String, String> metadata = new HashMap<>(Optional.ofNullable(partition.parameters()).orElse(Map.of()));
            Optional.ofNullable(partition.storageDescriptor()).map(StorageDescriptor::location)
                    .ifPresent(location -> metadata.put(LOCATION, location));
            return metadata;
        } catch (NoSuchPartitionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public InternalRow[] listPartitionIdentifiers(String[] names, InternalRow ident) {
        List<String> keys = Arrays.asList(names);
        StructType keySchema = new StructType(keys.stream().map(partitionSchema::apply).toArray(StructField[]::new));
        List<String> wanted = keys.isEmpty() ? List.of() : PartitionValues.toStrings(ident, keySchema);
        Optional<String> expression = PartitionExpressions.equalities(keys, wanted, partitionSchema);
        List<String> allKeys = Arrays.asList(partitionSchema.fieldNames());
        List<InternalRow> rows = new ArrayList<>();
        for (Partition partition : glue.partitions(database(), tableName(), expression)) {
            List<String> values = partition.values();
            // Checked again here: the expression is left out when a value cannot be quoted in Glue's language.
            boolean matches = true;
            for (int i = 0; i < keys.size(); i++) {
                matches &= values.get(allKeys.indexOf(keys.get(i))).equals(wanted.get(i));
            }
            if (matches) {
                rows.add(PartitionValues.toRow(values, partitionSchema));
            }
        }
        return rows.toArray(InternalRow[]::new);
    }

    /** TRUNCATE TABLE: the files go (the table's and every partition's), the table and its partitions stay, as in Hive. */
    @Override
    public boolean truncateTable() {
        Configuration hadoopConf = SparkSession.active().sessionState().newHadoopConf();
        // A partitioned table keeps its partition directories (the catalog still lists them), empty.
        List<String> locations = new ArrayList<>(partitionSchema.isEmpty() ? List.of(location()) : List.of());
        if (!partitionSchema.isEmpty()) {
            for (Partition partition : glue.partitions(database(), tableName(), Optional.empty())) {
                Optional.ofNullable(partition.storageDescriptor()).map(StorageDescriptor::location).ifPresent(locations::add);
            }
        }
        for (String location : locations) {
            deleteContents(new Path(location), hadoopConf);
        }
        return true;
    }

    @Override
    public boolean truncatePartition(InternalRow ident) throws NoSuchPartitionException {
        Partition partition = loadPartition(PartitionValues.toStrings(ident, partitionSchema));
        deleteContents(new Path(partition.storageDescriptor().location()), SparkSession.active().sessionState().newHadoopConf());
        return true;
    }

    private static void deleteContents(Path directory, Configuration hadoopConf) {
        try {
            FileSystem fs = directory.getFileSystem(hadoopConf);
            for (FileStatus child : fs.listStatus(directory)) {
                fs.delete(child.getPath(), true);
            }
        } catch (FileNotFoundException e) {
            // Nothing to truncate.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the files under " + directory, e);
        }
    }

    private Partition loadPartition(List<String> values) throws NoSuchPartitionException {
        try {
            return glue.client().getPartition(request -> request.databaseName(database()).tableName(tableName())
                    .partitionValues(values)).partition();
        } catch (EntityNotFoundException e) {
            throw new NoSuchPartitionException("Partition " + values + " of table " + qualifiedName() + " not found");
        }
    }
}
