package dev.epoxy.glue.jdbc;

import dev.epoxy.glue.GlueRuntimeException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The databases Glue reads and writes through JDBC, by {@code connection_type} and URL prefix: how each one
 * hashes a value to a partition number and which driver properties bound the time spent connecting.
 */
public enum JdbcVendor {
    POSTGRESQL("postgresql", "jdbc:postgresql:"),
    MYSQL("mysql", "jdbc:mysql:"),
    MARIADB("mariadb", "jdbc:mariadb:"),
    SQLSERVER("sqlserver", "jdbc:sqlserver:"),
    ORACLE("oracle", "jdbc:oracle:");

    /** Seconds a driver may spend opening a connection (TCP connect plus login) unless the options say otherwise. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final String connectionType;
    private final String urlPrefix;

    JdbcVendor(String connectionType, String urlPrefix) {
        this.connectionType = connectionType;
        this.urlPrefix = urlPrefix;
    }

    /** The {@code connection_type} (and {@code vendor} of {@code extract_jdbc_conf}). */
    public String connectionType() {
        return connectionType;
    }

    /** Whether {@code connectionType} (normalized, lower case) is a JDBC connection type. */
    public static boolean isJdbc(String connectionType) {
        return fromConnectionType(connectionType).isPresent();
    }

    public static Optional<JdbcVendor> fromConnectionType(String connectionType) {
        return Arrays.stream(values()).filter(vendor -> vendor.connectionType.equals(connectionType)).findFirst();
    }

    /**
     * The vendor of a JDBC URL.
     *
     * @throws GlueRuntimeException INVALID_INPUT for a URL of no known database (the URL is not echoed whole: it may hold
     *     credentials)
     */
    public static JdbcVendor fromUrl(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(vendor -> lower.startsWith(vendor.urlPrefix)).findFirst()
                .orElseThrow(() -> GlueRuntimeException.invalidInput(
                        "Unsupported JDBC URL %s...: Epoxy reads jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:sqlserver: and "
                                + "jdbc:oracle: URLs", lower.length() > 16 ? url.substring(0, 16) : url));
    }

    /**
     * A SQL condition true for exactly the rows whose {@code column} hashes to {@code partition} of {@code partitions}:
     * the vendor's own hash of the value's text, so any column type works. Rows whose value is NULL go to partition 0.
     */
    public String hashFieldPredicate(String column, int partition, int partitions) {
        String hash = switch (this) {
            case POSTGRESQL -> "ABS(MOD(hashtext(CAST(" + column + " AS TEXT)), " + partitions + "))";
            case MYSQL, MARIADB -> "MOD(CRC32(" + column + "), " + partitions + ")";
            case SQLSERVER -> "(ABS(CAST(CHECKSUM(" + column + ") AS BIGINT)) % " + partitions + ")";
            case ORACLE -> "ORA_HASH(" + column + ", " + (partitions - 1) + ")";
        };
        return withNulls(hash + " = " + partition, column, partition);
    }

    /**
     * A SQL condition true for exactly the rows whose whole-number {@code expression} falls into {@code partition}:
     * the absolute value of its remainder by {@code partitions} (negative values hash too). NULLs go to partition 0.
     */
    public String hashExpressionPredicate(String expression, int partition, int partitions) {
        String remainder = this == SQLSERVER ? "((" + expression + ") % " + partitions + ")"
                : "MOD(" + expression + ", " + partitions + ")";
        return withNulls("ABS(" + remainder + ") = " + partition, "(" + expression + ")", partition);
    }

    private static String withNulls(String condition, String value, int partition) {
        return partition == 0 ? "(" + condition + " OR " + value + " IS NULL)" : "(" + condition + ")";
    }

    /**
     * The driver properties that bound connecting ({@link #CONNECT_TIMEOUT_SECONDS}), in the driver's units: PostgreSQL
     * counts seconds, the MySQL and MariaDB drivers milliseconds. A read that takes long is not cut short: no socket
     * timeout is set unless the options set one.
     */
    public Map<String, String> connectTimeouts() {
        Map<String, String> properties = new LinkedHashMap<>();
        String millis = String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000);
        switch (this) {
            case POSTGRESQL -> {
                properties.put("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                properties.put("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            }
            case MYSQL, MARIADB -> properties.put("connectTimeout", millis);
            case SQLSERVER -> properties.put("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            case ORACLE -> properties.put("oracle.net.CONNECT_TIMEOUT", millis);
        }
        return properties;
    }
}
