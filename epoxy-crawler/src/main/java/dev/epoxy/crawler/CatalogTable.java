package dev.epoxy.crawler;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A table a crawl decided on, as {@link CatalogWriter} writes it: files under an S3 folder
 * ({@link TableDefinition}) or a table or view of a JDBC database ({@link JdbcTableDefinition}).
 */
sealed interface CatalogTable permits TableDefinition, JdbcTableDefinition {
    String name();

    String location();

    List<Column> columns();

    /** Partition key names; always empty for JDBC tables, whose partitions are the database's business. */
    List<String> partitionKeys();

    TableInput tableInput();

    /** The storage descriptor of the table, or of one of its partitions at {@code at}. */
    StorageDescriptor storageDescriptor(String at);

    Map<String, String> parameters();

    /**
     * The parameters that say what the table is ({@code classification}, and for JDBC tables the connection and
     * whether it is a view): a catalog table whose values differ is out of date, like one whose columns differ.
     */
    Map<String, String> identifyingParameters();
}
