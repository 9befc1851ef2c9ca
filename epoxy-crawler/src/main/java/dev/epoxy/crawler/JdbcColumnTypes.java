package dev.epoxy.crawler;

import java.sql.Types;
import java.util.Locale;

/**
 * The catalog (Hive) type of a JDBC column, from what {@link java.sql.DatabaseMetaData#getColumns} reports,
 * as Glue's JDBC crawler maps them: integers by width ({@code int}, {@code bigint}, ...; MySQL's unsigned ones one
 * size up, so that every value fits), {@code decimal(p,s)}, character types to {@code string}, {@code boolean},
 * {@code date}, {@code timestamp} (with or without time zone; MySQL's DATETIME too), {@code double},
 * {@code float} (REAL, FLOAT4), {@code binary} (bytea, BLOB, VARBINARY). What Hive has no type for (TIME, UUID,
 * JSON, arrays, intervals, ...) is a {@code string}, which is how such values read as text.
 */
final class JdbcColumnTypes {
    /** Hive's widest decimal. */
    static final int MAX_PRECISION = 38;
    /** PostgreSQL reports an unconstrained NUMERIC with a precision of 0 or beyond its declarable 1000. */
    private static final int MAX_DECLARED_POSTGRESQL_PRECISION = 1000;
    /** The decimal an unconstrained NUMERIC becomes, as Spark reads one. */
    static final String UNCONSTRAINED_DECIMAL = "decimal(38,18)";

    private JdbcColumnTypes() {}

    /**
     * @param jdbcType {@code DATA_TYPE}, a {@link Types} constant
     * @param typeName {@code TYPE_NAME}, the database's own name (MySQL appends {@code UNSIGNED})
     * @param size {@code COLUMN_SIZE}: the precision of numbers, the length of strings
     * @param digits {@code DECIMAL_DIGITS}: the scale of numbers
     */
    static String glueType(int jdbcType, String typeName, int size, int digits) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        boolean unsigned = name.contains("unsigned");
        return switch (jdbcType) {
            // PostgreSQL's boolean is a BIT of size 1; MySQL's BIT(n) for n > 1 is a bit string.
            case Types.BOOLEAN -> "boolean";
            case Types.BIT -> size > 1 && !name.startsWith("bool") ? "binary" : "boolean";
            case Types.TINYINT -> unsigned ? "smallint" : "tinyint";
            case Types.SMALLINT -> unsigned ? "int" : "smallint";
            case Types.INTEGER -> unsigned ? "bigint" : "int";
            case Types.BIGINT -> unsigned ? "decimal(20,0)" : "bigint";
            case Types.REAL -> "float";
            case Types.FLOAT, Types.DOUBLE -> "double";
            case Types.NUMERIC, Types.DECIMAL -> decimal(size, digits);
            case Types.DATE -> "date";
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "binary";
            default -> "string";
        };
    }

    static String decimal(int precision, int scale) {
        if (precision <= 0 || precision > MAX_DECLARED_POSTGRESQL_PRECISION) {
            return UNCONSTRAINED_DECIMAL;
        }
        int boundedScale = Math.max(0, Math.min(scale, MAX_PRECISION));
        return "decimal(" + Math.min(precision, MAX_PRECISION) + "," + boundedScale + ")";
    }
}
