package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A table or view of a JDBC database, as Glue's JDBC crawler catalogs it: named {@code database_schema_table}
 * ({@code database_table} for MySQL and MariaDB) after the crawler's TablePrefix, located at
 * {@code database.schema.table} ({@code database.table}), with the parameters {@code classification} (the
 * engine), {@code connectionName} and {@code typeOfData} ({@code table} or {@code view}) that tell the runtime
 * how to read it. There are no files, so no input format or SerDe.
 *
 * @param path the table's names, one a level, from the database down
 */
record JdbcTableDefinition(String name, JdbcEngine engine, List<String> path, String connectionName, boolean view, List<Column> columns,
        String crawlerName) implements CatalogTable {

    JdbcTableDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(engine, "engine is null");
        path = List.copyOf(path);
        requireNonNull(connectionName, "connectionName is null");
        columns = List.copyOf(columns);
        requireNonNull(crawlerName, "crawlerName is null");
    }

    /** The catalog name of the table at {@code path}: Glue joins its names with {@code _}, sanitized and lower-cased like every crawled name. */
    static String nameOf(String tablePrefix, List<String> path) {
        return tablePrefix + TableNames.sanitized(String.join("_", path));
    }

    @Override
    public String location() {
        return engine.location(path);
    }

    @Override
    public List<String> partitionKeys() {
        return List.of();
    }

    @Override
    public TableInput tableInput() {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .parameters(parameters())
                .partitionKeys(List.of())
                .storageDescriptor(storageDescriptor(location()))
                .build();
    }

    @Override
    public StorageDescriptor storageDescriptor(String at) {
        return StorageDescriptor.builder()
                .columns(columns.stream().map(TableDefinition::glueColumn).toList())
                .location(at)
                .compressed(false)
                .numberOfBuckets(-1)
                .serdeInfo(SerDeInfo.builder().parameters(Map.of()).build())
                .parameters(parameters())
                .storedAsSubDirectories(false)
                .build();
    }

    @Override
    public Map<String, String> identifyingParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", engine.classification());
        parameters.put("connectionName", connectionName);
        parameters.put("typeOfData", view ? "view" : "table");
        return parameters;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = identifyingParameters();
        parameters.put("compressionType", "none");
        parameters.put(CatalogWriter.UPDATED_BY_CRAWLER, crawlerName);
        parameters.put("CrawlerSchemaSerializerVersion", "1.0");
        parameters.put("CrawlerSchemaDeserializerVersion", "1.0");
        return parameters;
    }
}
