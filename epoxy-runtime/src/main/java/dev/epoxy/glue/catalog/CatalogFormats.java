package dev.epoxy.glue.catalog;

import dev.epoxy.glue.JsonOptions;
import dev.epoxy.spark.catalog.table.SparkTableFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Between the runtime's format names and options ({@code glueparquet}, csv {@code separator}/{@code
 * quoteChar}/{@code escaper}/{@code writeHeader}) and the Spark formats and options the catalog
 * package registers and reads tables with ({@code sep}/{@code quote}/{@code escape}/{@code header}).
 */
public final class CatalogFormats {
    private CatalogFormats() {}

    /** The Spark format a sink format writes: glueparquet is parquet. */
    public static String sparkFormat(String runtimeFormat) {
        String format = runtimeFormat.toLowerCase(Locale.ROOT);
        return format.equals("glueparquet") ? "parquet" : format;
    }

    /** The Spark options that describe files written with the runtime's csv format options. */
    public static Map<String, String> sparkOptions(String runtimeFormat, JsonOptions formatOptions) {
        Map<String, String> options = new LinkedHashMap<>();
        if (sparkFormat(runtimeFormat).equals("csv")) {
            options.put("sep", formatOptions.getString("separator", ","));
            String quote = formatOptions.getString("quoteChar", "\"");
            options.put("quote", quote.equals("-1") ? "" : quote);
            options.put("escape", formatOptions.getString("escaper", "\\"));
            options.put("header", Boolean.toString(formatOptions.getBoolean("writeHeader", true)));
        }
        return options;
    }

    /** The runtime's format options that write files a table of {@code format} reads. */
    public static JsonOptions runtimeOptions(SparkTableFormat format) {
        JsonOptions options = JsonOptions.empty();
        if (format.name().equals("csv")) {
            Map<String, String> spark = format.options();
            options = options.with("separator", spark.getOrDefault("sep", ","));
            String quote = spark.getOrDefault("quote", "\"");
            options = options.with("quoteChar", quote.isEmpty() ? "-1" : quote);
            if (spark.containsKey("escape")) {
                options = options.with("escaper", spark.get("escape"));
            }
            options = options.with("writeHeader", spark.getOrDefault("header", "false"));
        }
        return options;
    }
}
