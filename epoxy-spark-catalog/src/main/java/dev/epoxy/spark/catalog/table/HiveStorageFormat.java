package dev.epoxy.spark.catalog.table;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The part of a Glue table that says how its files are stored, as Hive (and so Glue, Athena and
 * crawlers) spell it: input and output format classes, the SerDe with its parameters, and the
 * {@code classification} table parameter.
 */
public record HiveStorageFormat(String inputFormat, String outputFormat, String serializationLibrary,
        Map<String, String> serdeParameters, String classification) {
    public HiveStorageFormat {
        requireNonNull(inputFormat, "inputFormat is null");
        requireNonNull(outputFormat, "outputFormat is null");
        requireNonNull(serializationLibrary, "serializationLibrary is null");
        serdeParameters = Map.copyOf(requireNonNull(serdeParameters, "serdeParameters is null"));
        requireNonNull(classification, "classification is null");
    }
}
