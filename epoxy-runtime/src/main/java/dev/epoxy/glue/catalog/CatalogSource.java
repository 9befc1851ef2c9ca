package dev.epoxy.glue.catalog;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.jdbc.JdbcCatalogTables;
import dev.epoxy.glue.jdbc.JdbcOptions;
import dev.epoxy.glue.jdbc.JdbcReader;
import dev.epoxy.glue.job.Job;
import dev.epoxy.spark.catalog.table.CatalogTables;
import dev.epoxy.spark.catalog.read.CatalogRelations;
import dev.epoxy.spark.catalog.read.InputFileFilter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code from_catalog}: a Data Catalog table read with Spark's file source for its SerDe and its
 * schema, partition keys as the last columns, {@code push_down_predicate} pruning partitions before any
 * file is listed and {@code catalogPartitionPredicate} (in {@code additional_options}) evaluated by the
 * catalog. The other additional options go to Spark's reader, except the Glue-only ones.
 */
public final class CatalogSource {
    private static final String CATALOG_PARTITION_PREDICATE = "catalogPartitionPredicate";
    // Options of Glue's own S3 lister, bookmarks and JDBC reads: meaningless to Spark's file readers.
    private static final Set<String> GLUE_ONLY_OPTIONS = Set.of(CATALOG_PARTITION_PREDICATE, "paths", "path", "recurse",
            "exclusions", "groupFiles", "groupSize", "compressionType", "callSite", "maxBand", "maxFilesInBand", "isFailFast",
            "useS3ListImplementation", "boundedFiles", "boundedSize", "excludeStorageClasses", "useFrameName",
            "useSparkDataSource", "useCatalogSchema", "hashfield", "hashexpression", "hashpartitions", "jobBookmarkKeys",
            "jobBookmarkKeysSortOrder", "enableUpdateCatalog", "updateBehavior", "partitionKeys");

    private final GlueContext glueContext;
    private final Optional<String> catalogId;
    private final String database;
    private final String table;
    private final String pushDownPredicate;
    private final JsonOptions additionalOptions;

    public CatalogSource(GlueContext glueContext, Optional<String> catalogId, String database, String table,
            String pushDownPredicate, JsonOptions additionalOptions) {
        this.glueContext = requireNonNull(glueContext, "glueContext is null");
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.database = requireNonNull(database, "database is null");
        this.table = requireNonNull(table, "table is null");
        this.pushDownPredicate = requireNonNull(pushDownPredicate, "pushDownPredicate is null");
        this.additionalOptions = requireNonNull(additionalOptions, "additionalOptions is null");
    }

    /**
     * The table as a frame named after the table. With a {@code transformation_ctx} under an enabled or
     * paused job bookmark, only the files new since the bookmark in the selected partitions are read (an
     * empty frame with the table's schema if none).
     */
    public DynamicFrame read(StageContext stage) {
        software.amazon.awssdk.services.glue.model.Table glueTable = CatalogAccess.translated(
                () -> CatalogTables.loadTable(glueContext.catalog().glue(), catalogId, database, table));
        Optional<JdbcCatalogTables> jdbc = JdbcCatalogTables.of(glueTable);
        if (jdbc.isPresent()) {
            JsonOptions options = jdbc.get().options(additionalOptions);
            return JdbcReader.read(glueContext, JdbcOptions.connection(jdbc.get().connectionType(), options, glueContext.connections(),
                    catalogId), options, stage, pushDownPredicate).withName(table);
        }
        InputFileFilter bookmark = Job.bookmarks().s3Filter(stage.transformationContext(), List.of(database + "." + table));
        Dataset<Row> rows = CatalogAccess.translated(() -> CatalogRelations.read(glueContext.sparkSession(),
                glueContext.catalog().glue(), catalogId, glueTable, Optional.of(pushDownPredicate),
                additionalOptions.getString(CATALOG_PARTITION_PREDICATE), readerOptions(), bookmark));
        return DynamicFrame.fromSource(glueContext, rows, Optional.empty(), table, stage);
    }

    private Map<String, String> readerOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<String> keys = additionalOptions.keys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!GLUE_ONLY_OPTIONS.contains(key)) {
                additionalOptions.getString(key).ifPresent(value -> options.put(key, value));
            }
        }
        return options;
    }
}
