package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * JDBC sinks ({@code from_jdbc_conf}, {@code from_options} to a JDBC connection type, {@code from_catalog} to a JDBC
 * table): the frame's records appended to {@code dbtable} through Spark's JDBC writer, which creates the table when it
 * is missing with the dialect's types (decimal as DECIMAL/NUMERIC(p,s), date as DATE, timestamp as TIMESTAMP, on
 * MySQL/MariaDB DATETIME(6)). {@code bulkSize} is the insert parallelism: that many concurrent connections insert.
 * A failed insert (a constraint violation, a type the column refuses) fails the write; Spark's writer commits each
 * partition on its own, so rows of partitions that finished before the failure stay.
 */
public final class JdbcWriter {
    private JdbcWriter() {}

    public static void write(DynamicFrame frame, JdbcConnection connection, JsonOptions options) {
        MySqlFamilyDialect.register();
        String table = JdbcOptions.requiredTable(options, "A JDBC sink");
        Map<String, String> sparkOptions = JdbcOptions.sparkOptions(connection, options);
        long bulkSize = options.getLong("bulkSize", 0);
        checkInput(bulkSize >= 0 && bulkSize <= 1024, "bulkSize must be between 1 and 1024: %s", bulkSize);
        try {
            Dataset<Row> rows = frame.toDF();
            if (bulkSize > 0 && rows.rdd().getNumPartitions() != bulkSize) {
                rows = rows.repartition((int) bulkSize);
            }
            rows.write().format("jdbc").options(sparkOptions).option("dbtable", table).mode(SaveMode.Append).save();
        } catch (GlueRuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw JdbcErrors.translate(e, connection, "write table " + table);
        }
    }
}
