package dev.epoxy.glue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The shape of error records (reference §2.1): one column {@code error}, a struct of {@code
 * callsite {site, info}}, {@code msg}, {@code stackTrace}, {@code input}, {@code bytesread}, {@code
 * source} and {@code dynamicRecord} (the partially parsed record as JSON text).
 */
public final class ErrorRecords {
    public static final String ERROR_COLUMN = "error";

    public static final StructType ERROR_STRUCT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("callsite", DataTypes.createStructType(List.of(
                    DataTypes.createStructField("site", DataTypes.StringType, true),
                    DataTypes.createStructField("info", DataTypes.StringType, true))), true),
            DataTypes.createStructField("msg", DataTypes.StringType, true),
            DataTypes.createStructField("stackTrace", DataTypes.StringType, true),
            DataTypes.createStructField("input", DataTypes.StringType, true),
            DataTypes.createStructField("bytesread", DataTypes.LongType, true),
            DataTypes.createStructField("source", DataTypes.StringType, true),
            DataTypes.createStructField("dynamicRecord", DataTypes.StringType, true)));

    /** Schema of an error dataset: the single {@code error} column. */
    public static final StructType SCHEMA = DataTypes.createStructType(
            new StructField[] {DataTypes.createStructField(ERROR_COLUMN, ERROR_STRUCT, true)});

    private ErrorRecords() {}

    /**
     * The value of the {@code error} column. {@code input} is the raw input (a JSON line, a CSV
     * line), {@code dynamicRecord} the partially built record as JSON; both may be null.
     */
    public static Row errorStruct(CallSite callSite, String message, Throwable cause, String input, String source, String dynamicRecord) {
        return RowFactory.create(
                RowFactory.create(callSite.site(), callSite.info()),
                message,
                cause == null ? "" : stackTrace(cause),
                input,
                input == null ? 0L : (long) input.length(),
                source,
                dynamicRecord);
    }

    private static String stackTrace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
