package dev.epoxy.spark.catalog.sql;

import dev.epoxy.spark.catalog.GlueClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.DelegatingCatalogExtension;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.IdentityTransform;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Spark's session catalog ({@code spark.sql.catalog.spark_catalog}) backed by the Glue Data Catalog through
 * the Glue API, as Iceberg's {@code SparkSessionCatalog} and Delta's {@code DeltaCatalog} replace it: databases
 * are namespaces, Glue tables are {@link GlueSparkTable}s. Nothing is cached, so a table created with boto3 is
 * visible to the next statement. Functions stay with Spark's built-in catalog (the delegate).
 */
public final class GlueSessionCatalog extends DelegatingCatalogExtension {
    private volatile GlueCatalogCalls glue;

    /** The Glue API calls of this catalog, with the client the driver's Spark conf points at the server. */
    GlueCatalogCalls glue() {
        GlueCatalogCalls calls = glue;
        if (calls == null) {
            synchronized (this) {
                if (glue == null) {
                    Map<String, String> conf = new HashMap<>();
                    for (scala.Tuple2<String, String> entry : SparkSession.active().sparkContext().getConf().getAll()) {
                        conf.put(entry._1(), entry._2());
                    }
                    glue = new GlueCatalogCalls(GlueClients.shared(conf));
                }
                calls = glue;
            }
        }
        return calls;
    }

    @Override
    public String[] defaultNamespace() {
        return new String[] {"default"};
    }

    // Namespaces: Glue databases.

    @Override
    public String[][] listNamespaces() {
        List<String[]> namespaces = new ArrayList<>();
        glue().client().getDatabasesPaginator(request -> {}).forEach(page -> page.databaseList()
                .forEach(database -> namespaces.add(new String[] {database.name()})));
        return namespaces.toArray(String[][]::new);
    }

    @Override
    public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
        if (namespace.length == 0) {
            return listNamespaces();
        }
        loadNamespaceMetadata(namespace);
        return new String[0][];
    }

    @Override
    public boolean namespaceExists(String[] namespace) {
        return namespace.length == 1 && findDatabase(namespace[0]).isPresent();
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
        Database database = namespace.length == 1 ? findDatabase(namespace[0]).orElse(null) : null;
        if (database == null) {
            throw new NoSuchNamespaceException(namespace);
        }
        Map<String, String> metadata = new LinkedHashMap<>(Optional.ofNullable(database.parameters()).orElse(Map.of()));
        Optional.ofNullable(database.description()).ifPresent(comment -> metadata.put(SupportsNamespaces.PROP_COMMENT, comment));
        Optional.ofNullable(database.locationUri()).ifPresent(location -> metadata.put(SupportsNamespaces.PROP_LOCATION, location));
        return metadata;
    }

    @Override
    public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
        String name = databaseName(namespace);
        Map<String, String> parameters = new HashMap<>(metadata);
        DatabaseInput.Builder input = DatabaseInput.builder().name(name);
        Optional.ofNullable(parameters.remove(SupportsNamespaces.PROP_COMMENT)).ifPresent(input::description);
        Optional.ofNullable(parameters.remove(SupportsNamespaces.PROP_LOCATION)).ifPresent(input::locationUri);
        parameters.remove(SupportsNamespaces.PROP_OWNER);
        input.parameters(parameters);
        try {
            glue().client().createDatabase(request -> request.databaseInput(input.build()));
        } catch (AlreadyExistsException e) {
            throw new NamespaceAlreadyExistsException(namespace);
        }
    }

    @Override
    public void alterNamespace(String[] namespace, NamespaceChange... changes) throws NoSuchNamespaceException {
        Database database = findDatabase(databaseName(namespace)).orElseThrow(() -> new NoSuchNamespaceException(namespace));
        Map<String, String> parameters = new HashMap<>(Optional.ofNullable(database.parameters()).orElse(Map.of()));
        DatabaseInput.Builder input = DatabaseInput.builder().name(database.name()).description(database.description())
                .locationUri(database.locationUri());
        for (NamespaceChange change : changes) {
            if (change instanceof NamespaceChange.SetProperty set) {
                switch (set.property()) {
                    case SupportsNamespaces.PROP_COMMENT -> input.description(set.value());
                    case SupportsNamespaces.PROP_LOCATION -> input.locationUri(set.value());
                    default -> parameters.put(set.property(), set.value());
                }
            } else if (change instanceof NamespaceChange.RemoveProperty remove) {
                parameters.remove(remove.property());
            }
        }
        input.parameters(parameters);
        glue().client().updateDatabase(request -> request.name(database.name()).databaseInput(input.build()));
    }

    @Override
    public boolean dropNamespace(String[] namespace, boolean cascade) throws NoSuchNamespaceException, NonEmptyNamespaceException {
        String name = databaseName(namespace);
        if (!cascade && listTables(namespace).length > 0) {
            throw new NonEmptyNamespaceException(namespace);
        }
        try {
            glue().client().deleteDatabase(request -> request.name(name));
            return true;
        } catch (EntityNotFoundException e) {
            throw new NoSuchNamespaceException(namespace);
        }
    }

    // Tables: Glue tables.

    @Override
    public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
        String database = databaseName(namespace);
        List<Identifier> tables = new ArrayList<>();
        try {
            glue().client().getTablesPaginator(request -> request.databaseName(database)).forEach(page -> page.tableList()
                    .forEach(table -> tables.add(Identifier.of(namespace, table.name()))));
        } catch (EntityNotFoundException e) {
            throw new NoSuchNamespaceException(namespace);
        }
        return tables.toArray(Identifier[]::new);
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        if (ident.namespace().length != 1) {
            throw new NoSuchTableException(ident);
        }
        return glue().findTable(databaseName(ident.namespace()), tableName(ident))
                .map(table -> new GlueSparkTable(glue(), table))
                .orElseThrow(() -> new NoSuchTableException(ident));
    }

    @Override
    public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
        throw new UnsupportedOperationException("Time travel is not supported on Glue Data Catalog tables: " + ident);
    }

    @Override
    public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
        throw new UnsupportedOperationException("Time travel is not supported on Glue Data Catalog tables: " + ident);
    }

    @Override
    public boolean tableExists(Identifier ident) {
        return ident.namespace().length == 1 && glue().findTable(databaseName(ident.namespace()), tableName(ident)).isPresent();
    }

    @Override
    public void invalidateTable(Identifier ident) {
        // Nothing is cached.
    }

    @Override
    @SuppressWarnings("deprecation")
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
            throws TableAlreadyExistsException, NoSuchNamespaceException {
        List<String> partitionColumns = new ArrayList<>();
        for (Transform transform : partitions) {
            if (!(transform instanceof IdentityTransform identity)) {
                throw new UnsupportedOperationException("Glue Data Catalog tables are partitioned by columns only, not by " + transform.describe());
            }
            partitionColumns.add(identity.reference().fieldNames()[0]);
        }
        Map<String, String> options = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(TableCatalog.OPTION_PREFIX)) {
                options.put(key.substring(TableCatalog.OPTION_PREFIX.length()), value);
            }
        });
        String provider = Optional.ofNullable(properties.get(TableCatalog.PROP_PROVIDER)).orElse("parquet");
        TableDefinition definition = new TableDefinition(databaseName(ident.namespace()), tableName(ident), schema,
                partitionColumns, provider, options, Optional.ofNullable(properties.get(TableCatalog.PROP_LOCATION)),
                Optional.ofNullable(properties.get(TableCatalog.PROP_COMMENT)), properties.containsKey(TableCatalog.PROP_EXTERNAL));
        createTable(definition);
        try {
            return loadTable(ident);
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("Table " + ident + " was created but is gone already", e);
        }
    }

    /** Registers a table in Glue, in the location given or under its database's location. */
    void createTable(TableDefinition definition) throws TableAlreadyExistsException, NoSuchNamespaceException {
        registerTable(definition, locationFor(definition));
    }

    /** The location of a new table: the one given, or {@code <database location>/<table>}. */
    String locationFor(TableDefinition definition) throws NoSuchNamespaceException {
        String[] namespace = {definition.database()};
        Database database = findDatabase(definition.database()).orElseThrow(() -> new NoSuchNamespaceException(namespace));
        return definition.location().orElseGet(() -> defaultLocation(database, definition.table()));
    }

    void registerTable(TableDefinition definition, String location) throws TableAlreadyExistsException {
        TableInput input = definition.toTableInput(location);
        try {
            glue().client().createTable(request -> request.databaseName(definition.database()).tableInput(input));
        } catch (AlreadyExistsException e) {
            throw new TableAlreadyExistsException(Identifier.of(new String[] {definition.database()}, definition.table()));
        }
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
        GlueSparkTable table = (GlueSparkTable) loadTable(ident);
        TableInput updated = TableAlterations.apply(table, Arrays.asList(changes));
        glue().client().updateTable(request -> request.databaseName(table.database()).tableInput(updated));
        return loadTable(ident);
    }

    /** Deletes the table from Glue; a managed table's files go too, as Spark's and Hive's DROP TABLE do. */
    @Override
    public boolean dropTable(Identifier ident) {
        if (ident.namespace().length != 1) {
            return false;
        }
        String database = databaseName(ident.namespace());
        Optional<software.amazon.awssdk.services.glue.model.Table> table = glue().findTable(database, tableName(ident));
        if (table.isEmpty()) {
            return false;
        }
        try {
            glue().client().deleteTable(request -> request.databaseName(database).name(tableName(ident)));
        } catch (EntityNotFoundException e) {
            return false;
        }
        if ("MANAGED_TABLE".equals(table.get().tableType()) && table.get().storageDescriptor() != null
                && table.get().storageDescriptor().location() != null) {
            deleteFiles(table.get().storageDescriptor().location());
        }
        return true;
    }

    private static void deleteFiles(String location) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        try {
            path.getFileSystem(SparkSession.active().sessionState().newHadoopConf()).delete(path, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Dropped the table but cannot delete its files at " + location, e);
        }
    }

    @Override
    public boolean purgeTable(Identifier ident) {
        return dropTable(ident);
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) {
        throw new UnsupportedOperationException("Glue Data Catalog tables cannot be renamed (Glue has no rename): " + oldIdent);
    }

    private String defaultLocation(Database database, String table) {
        String root = database.locationUri();
        if (root == null || root.isBlank()) {
            root = SparkSession.active().conf().get("spark.sql.warehouse.dir") + "/" + database.name() + ".db";
        }
        return (root.endsWith("/") ? root : root + "/") + table;
    }

    private Optional<Database> findDatabase(String name) {
        try {
            return Optional.of(glue().client().getDatabase(request -> request.name(name.toLowerCase(Locale.ROOT))).database());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String databaseName(String[] namespace) {
        if (namespace.length != 1) {
            throw new IllegalArgumentException("Glue Data Catalog namespaces are single databases, not " + String.join(".", namespace));
        }
        return namespace[0].toLowerCase(Locale.ROOT);
    }

    private static String tableName(Identifier ident) {
        return ident.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        // The Glue client is made on first use, when the driver's SparkSession (and its conf) exists.
    }
}
