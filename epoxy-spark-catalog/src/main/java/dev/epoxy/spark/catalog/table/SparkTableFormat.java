package dev.epoxy.spark.catalog.table;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * How Spark reads or writes the files of a catalog table: a Spark data source name ({@code json},
 * {@code csv}, {@code parquet}, {@code orc}, {@code avro}) and the Spark reader/writer options that
 * carry the table's SerDe parameters (e.g. {@code sep}, {@code quote}, {@code header} for csv).
 */
public record SparkTableFormat(String name, Map<String, String> options) {
    public SparkTableFormat {
        requireNonNull(name, "name is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
    }

    public static SparkTableFormat of(String name) {
        return new SparkTableFormat(name, Map.of());
    }

    /** This format with {@code extra} options added, replacing options of the same name. */
    public SparkTableFormat withOptions(Map<String, String> extra) {
        Map<String, String> merged = new TreeMap<>(options);
        merged.putAll(extra);
        return new SparkTableFormat(name, merged);
    }
}
