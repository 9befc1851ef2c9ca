package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Infers a table's columns with Spark's own readers (JSON and CSV inference, the schema in Parquet,
 * ORC and Avro footers, merged across files) and writes each type as Glue and Hive spell it, Spark's
 * {@code catalogString} ({@code bigint}, {@code struct<a:string>}). Column names are lower-cased,
 * as Glue's catalog keeps them.
 */
final class SchemaInference {
    private final SparkSession spark;

    SchemaInference(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
        // The crawl names every file it read: Spark would list 10,000 paths with a 10,000-task job
        // (166 s in the crawler benchmark) where the driver stats them in well under a second.
        spark.conf().set("spark.sql.sources.parallelPartitionDiscovery.threshold", String.valueOf(Integer.MAX_VALUE));
        // Crawled files are often small: pack many into one task instead of charging 4 MiB per file.
        spark.conf().set("spark.sql.files.openCostInBytes", String.valueOf(64 * 1024));
    }

    /**
     * The columns of these files, read as {@code classification}.
     *
     * @throws CrawlException when Spark cannot read the files or finds no columns
     */
    List<Column> infer(Classification classification, Optional<CsvFormat> csv, List<String> uris) {
        StructType schema;
        try {
            schema = read(classification, csv, uris);
        }
        catch (RuntimeException e) {
            throw new CrawlException("Cannot infer the schema of " + describe(uris) + " as " + classification.parameterValue() + ": " + firstLine(e), e);
        }
        if (schema.fields().length == 0) {
            throw new CrawlException("No columns found in " + describe(uris) + " (" + classification.parameterValue() + ")");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name().toLowerCase(Locale.ROOT);
            if (classification == Classification.CSV && csv.map(format -> !format.hasHeader()).orElse(false)) {
                name = "col" + i;
            }
            // Spark's JSON reader keeps a column it cannot parse as _corrupt_record: the file is not JSON.
            if (name.equals("_corrupt_record")) {
                throw new CrawlException("Unreadable " + classification.parameterValue() + " records in " + describe(uris));
            }
            columns.putIfAbsent(name, new Column(name, fields[i].dataType().catalogString()));
        }
        List<Column> inferred = List.copyOf(columns.values());
        if (classification == Classification.JSON) {
            return JsonFieldOrder.reorder(inferred, JsonFieldOrder.of(spark.sparkContext().hadoopConfiguration(), uris.get(0)));
        }
        return inferred;
    }

    private StructType read(Classification classification, Optional<CsvFormat> csv, List<String> uris) {
        // Paths are files, never folders: Spark must not add partition columns of its own.
        DataFrameReader reader = spark.read().option("recursiveFileLookup", "true");
        String[] paths = uris.toArray(String[]::new);
        return switch (classification) {
            case JSON -> reader.option("mode", "PERMISSIVE").json(paths).schema();
            case CSV -> {
                CsvFormat format = csv.orElseThrow();
                yield reader.option("header", String.valueOf(format.hasHeader()))
                        .option("sep", String.valueOf(format.delimiter()))
                        .option("inferSchema", "true")
                        .csv(paths).schema();
            }
            case PARQUET -> reader.option("mergeSchema", "true").parquet(paths).schema();
            case ORC -> reader.option("mergeSchema", "true").orc(paths).schema();
            case AVRO -> reader.format("avro").load(paths).schema();
            case UNKNOWN -> throw new CrawlException("No classifier recognises " + describe(uris));
        };
    }

    static String describe(List<String> uris) {
        if (uris.size() == 1) {
            return uris.get(0);
        }
        return uris.size() + " files (" + uris.get(0) + ", …)";
    }

    private static String firstLine(Throwable e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return message.lines().findFirst().orElse(message);
    }

    /** The names of {@code columns} in order. */
    static List<String> names(List<Column> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.name()));
        return names;
    }
}
