package dev.epoxy.glue.jdbc;

import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.jdbc.JdbcType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import scala.Option;

/**
 * Spark's MySQL dialect for {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs (Spark's own only knows the first, and
 * without a dialect MariaDB gets ANSI double-quoted identifiers it rejects), with timestamps created as {@code
 * DATETIME(6)}: a MySQL/MariaDB {@code TIMESTAMP} column only holds 1970-2038 and, on MariaDB before 10.10, the first one
 * of a table silently defaults to the current time.
 */
public final class MySqlFamilyDialect extends JdbcDialect {
    private static final JdbcDialect MYSQL = JdbcDialects.get("jdbc:mysql://localhost");
    private static final MySqlFamilyDialect INSTANCE = new MySqlFamilyDialect();
    private static boolean registered;

    private MySqlFamilyDialect() {}

    /** Registers the dialect in place of Spark's MySQL dialect, once per JVM. */
    public static synchronized void register() {
        if (!registered) {
            JdbcDialects.unregisterDialect(MYSQL);
            JdbcDialects.registerDialect(INSTANCE);
            registered = true;
        }
    }

    @Override
    public boolean canHandle(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("jdbc:mysql") || lower.startsWith("jdbc:mariadb");
    }

    @Override
    public Option<DataType> getCatalystType(int sqlType, String typeName, int size, MetadataBuilder md) {
        return MYSQL.getCatalystType(sqlType, typeName, size, md);
    }

    @Override
    public Option<JdbcType> getJDBCType(DataType dt) {
        if (dt.equals(DataTypes.TimestampType)) {
            return Option.apply(new JdbcType("DATETIME(6)", java.sql.Types.TIMESTAMP));
        }
        return MYSQL.getJDBCType(dt);
    }

    @Override
    public String quoteIdentifier(String colName) {
        return MYSQL.quoteIdentifier(colName);
    }

    @Override
    public String getTableExistsQuery(String table) {
        return MYSQL.getTableExistsQuery(table);
    }

    @Override
    public String getSchemaQuery(String table) {
        return MYSQL.getSchemaQuery(table);
    }

    @Override
    public Option<Object> isCascadingTruncateTable() {
        return MYSQL.isCascadingTruncateTable();
    }

    @Override
    public Object compileValue(Object value) {
        return MYSQL.compileValue(value);
    }

    @Override
    public boolean isSupportedFunction(String funcName) {
        return MYSQL.isSupportedFunction(funcName);
    }
}
