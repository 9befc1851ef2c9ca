package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's CSV reader. Spark's CSV parser reads every column as text (so quoting, escaping and
 * multi-line records follow the format options); then each column's Glue type comes from one
 * Catalyst aggregation: a value is a {@code long} if it is an optionally signed integer of up to 18
 * digits, a {@code double} if it is any other decimal number (optional fraction and exponent; no
 * NaN/Infinity, no surrounding spaces), else a {@code string}; empty values are
 * null and say nothing. A column whose values disagree becomes a choice, e.g.
 * {@code choice<long,string>}. Column names come from the header with {@code withHeader}, else
 * {@code col0, col1, ...}.
 */
final class CsvReader {
    private static final String LONG_PATTERN = "^[+-]?[0-9]{1,18}$";
    private static final String DOUBLE_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";
    private static final int KIND_LONG = 1;
    private static final int KIND_DOUBLE = 2;
    private static final int KIND_STRING = 4;

    private CsvReader() {}

    static DynamicFrame read(GlueContext glueContext, List<String> files, JsonOptions formatOptions, String compressionType,
            StageContext stage) {
        Dataset<Row> text;
        if (compressionType == null) {
            text = reader(glueContext, formatOptions).csv(files.toArray(new String[0]));
        } else {
            // Files whose codec the extension does not name: Spark's CSV parser reads their decompressed lines.
            Dataset<String> lines = TextInput.read(glueContext.sparkSession(), files, false, compressionType)
                    .select("value").as(org.apache.spark.sql.Encoders.STRING());
            text = reader(glueContext, formatOptions).csv(lines);
        }
        if (!formatOptions.getBoolean("withHeader", false)) {
            String[] names = new String[text.columns().length];
            for (int i = 0; i < names.length; i++) {
                names[i] = "col" + i;
            }
            text = text.toDF(names);
        }
        return DynamicFrame.fromSource(glueContext, typed(text), Optional.empty(), "", stage);
    }

    private static DataFrameReader reader(GlueContext glueContext, JsonOptions options) {
        boolean withHeader = options.getBoolean("withHeader", false);
        boolean skipFirst = options.getBoolean("skipFirst", false);
        String separator = options.getString("separator", ",");
        checkInput(!separator.isEmpty(), "separator must not be empty");
        DataFrameReader reader = glueContext.sparkSession().read()
                .option("inferSchema", "false")
                .option("sep", unescape(separator))
                .option("multiLine", options.getBoolean("multiLine", false))
                .option("mode", "PERMISSIVE")
                // With skipFirst and no header the first line is read as a header and then renamed away.
                .option("header", withHeader || skipFirst);
        String quote = options.getString("quoteChar", "\"");
        if (quote.equals("-1")) {
            reader = reader.option("quote", "");
        } else {
            checkInput(quote.length() == 1, "quoteChar must be one character or -1: %s", quote);
            reader = reader.option("quote", quote);
        }
        Optional<String> escaper = options.getString("escaper");
        if (escaper.isPresent() && !escaper.get().isEmpty()) {
            reader = reader.option("escape", unescape(escaper.get()));
        }
        if (options.has("encoding")) {
            reader = reader.option("encoding", options.getString("encoding", "UTF-8"));
        }
        return reader;
    }

    private static String unescape(String value) {
        return switch (value) {
            case "\\t" -> "\t";
            case "\\n" -> "\n";
            case "\\r" -> "\r";
            case "\\0" -> "\u0000";
            default -> value;
        };
    }

    private static Dataset<Row> typed(Dataset<Row> text) {
        String[] columns = text.columns();
        if (columns.length == 0) {
            return text;
        }
        // One pass, regular expressions only: Spark's string-to-double cast throws (and catches)
        // an exception for every non-numeric value, which made inference several times slower.
        List<Column> aggregates = new ArrayList<>();
        for (String name : columns) {
            Column value = text.col(DynamicFrame.quote(name));
            aggregates.add(max(when(isLong(value), KIND_LONG).otherwise(0)));
            aggregates.add(max(when(isDouble(value), KIND_DOUBLE).otherwise(0)));
            aggregates.add(max(when(isString(value), KIND_STRING).otherwise(0)));
        }
        Row kindsPerColumn = text.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first();
        List<Column> projection = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            int bits = 0;
            for (int kind = 0; kind < 3; kind++) {
                bits |= kindsPerColumn.isNullAt(3 * i + kind) ? 0 : kindsPerColumn.getInt(3 * i + kind);
            }
            List<GlueType> kinds = new ArrayList<>();
            if ((bits & KIND_LONG) != 0) {
                kinds.add(AtomicType.LONG);
            }
            if ((bits & KIND_DOUBLE) != 0) {
                kinds.add(AtomicType.DOUBLE);
            }
            if ((bits & KIND_STRING) != 0 || kinds.isEmpty()) {
                kinds.add(AtomicType.STRING);
            }
            projection.add(encode(text.col(DynamicFrame.quote(columns[i])), columns[i], kinds));
        }
        return text.select(projection.toArray(new Column[0]));
    }

    private static Column encode(Column value, String name, List<GlueType> kinds) {
        if (kinds.size() == 1) {
            GlueType only = kinds.get(0);
            return only == AtomicType.STRING ? value.as(name) : value.cast(SparkTypes.toSpark(only)).as(name);
        }
        ChoiceType choice = new ChoiceType(kinds);
        List<Column> alternatives = new ArrayList<>();
        for (GlueType alternative : choice.choices()) {
            Column slot;
            if (alternative == AtomicType.LONG) {
                slot = when(isLong(value), value.cast("long"));
            } else if (alternative == AtomicType.DOUBLE) {
                slot = when(isDouble(value), value.cast("double"));
            } else {
                slot = when(isString(value), value);
            }
            alternatives.add(slot.as(alternative.typeName()));
        }
        Column encoded = when(value.isNull(), lit(null)).otherwise(struct(alternatives.toArray(new Column[0])));
        return encoded.as(name, SparkTypes.metadataFor(choice));
    }

    private static Column isLong(Column value) {
        return value.rlike(LONG_PATTERN);
    }

    private static Column isDouble(Column value) {
        return value.rlike(DOUBLE_PATTERN).and(value.rlike(LONG_PATTERN).unary_$bang());
    }

    private static Column isString(Column value) {
        return value.isNotNull().and(value.rlike(DOUBLE_PATTERN).unary_$bang());
    }
}
