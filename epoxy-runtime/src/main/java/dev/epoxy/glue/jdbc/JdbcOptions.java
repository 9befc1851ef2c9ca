package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.JdbcSslException;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The connection half of JDBC {@code connection_options}: which database ({@code useConnectionProperties} +
 * {@code connectionName}, or {@code url}/{@code user}/{@code password}, explicit options winning) and the options
 * that go on to Spark's JDBC source and the driver (everything that is not Glue's own).
 */
public final class JdbcOptions {
    /** Options Glue interprets itself; the rest are Spark JDBC options or driver properties. */
    static final Set<String> GLUE_OPTIONS = Set.of("url", "user", "password", "useConnectionProperties", "connectionName", "dbtable",
            "database", "sampleQuery", "hashfield", "hashexpression", "hashpartitions", "enablePartitioningForSampleQuery",
            "filterPredicate", "jobBookmarkKeys", "jobBookmarkKeysSortOrder", "bulkSize", "redshiftTmpDir", "catalogConnection",
            "customJdbcDriverS3Path", "customJdbcDriverClassName", "useFrameName", "callSite", "sampleSize", "catalogId");

    private static final Map<JdbcVendor, String> DRIVERS = Map.of(
            JdbcVendor.POSTGRESQL, "org.postgresql.Driver",
            JdbcVendor.MYSQL, "com.mysql.cj.jdbc.Driver",
            JdbcVendor.MARIADB, "org.mariadb.jdbc.Driver",
            JdbcVendor.SQLSERVER, "com.microsoft.sqlserver.jdbc.SQLServerDriver",
            JdbcVendor.ORACLE, "oracle.jdbc.OracleDriver");

    private JdbcOptions() {}

    /**
     * The connection the options name.
     *
     * @throws GlueRuntimeException INVALID_INPUT when neither a connection nor a url is given, or the url is of another
     *     database than {@code connectionType}
     */
    public static JdbcConnection connection(String connectionType, JsonOptions options, ConnectionResolver resolver,
            Optional<String> catalogId) {
        Optional<String> connectionName = options.getString("connectionName").filter(name -> !name.isBlank());
        JdbcConnection connection;
        if (connectionName.isPresent()) {
            JdbcConnection named = resolver.resolve(connectionName.get(), catalogId);
            connection = new JdbcConnection(named.name(), options.getString("url", named.url()), options.getString("user", named.user()),
                    options.getString("password", named.password()), named.ssl());
        } else {
            checkInput(!options.getBoolean("useConnectionProperties", false),
                    "useConnectionProperties needs connectionName, the Glue connection to take the url, user and password from");
            Optional<String> url = options.getString("url").filter(value -> !value.isBlank());
            checkInput(url.isPresent(), "A %s source or sink needs connectionName (with useConnectionProperties) or url, user and "
                    + "password", connectionType);
            connection = new JdbcConnection(Optional.empty(), url.get(), options.getString("user", ""), options.getString("password", ""),
                    JdbcSsl.NONE);
        }
        JdbcVendor vendor = connection.vendor();
        Optional<JdbcVendor> declared = JdbcVendor.fromConnectionType(connectionType);
        // mysql and mariadb are one family: either driver talks to either server.
        boolean compatible = declared.isEmpty() || declared.get() == vendor
                || (isMySqlFamily(declared.get()) && isMySqlFamily(vendor));
        checkInput(compatible, "connection_type %s does not match the %s URL of %s", connectionType, vendor.connectionType(),
                connection.description());
        Optional<String> database = options.getString("database").filter(value -> !value.isBlank());
        return database.isPresent() ? connection.withDatabase(database.get()) : connection;
    }

    /**
     * The options Spark's JDBC data source gets: url, credentials, driver class, connect timeouts, SSL ({@link JdbcSsl}), pass-through
     * options (which may override any of them).
     */
    public static Map<String, String> sparkOptions(JdbcConnection connection, JsonOptions options) {
        JdbcVendor vendor = connection.vendor();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("url", connection.url());
        result.put("driver", options.getString("customJdbcDriverClassName", DRIVERS.get(vendor)));
        if (!connection.user().isEmpty()) {
            result.put("user", connection.user());
        }
        if (!connection.password().isEmpty()) {
            result.put("password", connection.password());
        }
        result.putAll(vendor.connectTimeouts());
        try {
            result.putAll(connection.ssl().driverProperties(connection.name().orElse(connection.description()), connection.url()));
        }
        catch (JdbcSslException e) {
            throw GlueRuntimeException.invalidInput("%s", e.getMessage());
        }
        for (Iterator<String> keys = options.keys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!GLUE_OPTIONS.contains(key)) {
                options.getString(key).ifPresent(value -> result.put(key, value));
            }
        }
        return result;
    }

    /** {@link #sparkOptions} as driver {@link Properties}, for connections the runtime opens itself. */
    public static Properties driverProperties(Map<String, String> sparkOptions) {
        Properties properties = new Properties();
        sparkOptions.forEach((key, value) -> {
            if (!key.equals("url") && !key.equals("driver") && !key.equals("dbtable") && !key.equals("query")) {
                properties.setProperty(key, value);
            }
        });
        return properties;
    }

    /** The {@code dbtable} option. */
    public static String requiredTable(JsonOptions options, String what) {
        Optional<String> table = options.getString("dbtable").filter(value -> !value.isBlank());
        checkInput(table.isPresent(), "%s needs dbtable (schema.table)", what);
        return table.get();
    }

    /** A connection of the runtime's own (bounds, bookmark and key queries), with the driver and properties Spark's reads use. */
    static java.sql.Connection open(JdbcConnection connection, Map<String, String> sparkOptions) throws java.sql.SQLException {
        try {
            Class.forName(driverClass(sparkOptions));
        } catch (ClassNotFoundException e) {
            throw new java.sql.SQLException("JDBC driver " + driverClass(sparkOptions) + " is not on the classpath", e);
        }
        return java.sql.DriverManager.getConnection(connection.url(), driverProperties(sparkOptions));
    }

    static String driverClass(Map<String, String> sparkOptions) {
        return requireNonNull(sparkOptions.get("driver"), "driver is null");
    }

    private static boolean isMySqlFamily(JdbcVendor vendor) {
        return vendor == JdbcVendor.MYSQL || vendor == JdbcVendor.MARIADB;
    }
}
