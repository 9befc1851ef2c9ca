package dev.epoxy.crawler;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The database engines a JDBC crawl reads, told apart by the connection's URL: how deep their include paths
 * go, the {@code classification} Glue writes for their tables (MariaDB's is {@code mysql}, as on Glue), how a
 * table's location is spelled, and the driver properties that bound connecting and reading.
 */
enum JdbcEngine {
    /** {@code database/schema/table}; a connection sees the tables of its own database only. */
    POSTGRESQL("postgresql", List.of("database", "schema", "table"), List.of("TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW")),
    /** {@code database/table}, for MySQL's driver (jdbc:mysql:) and MariaDB's (jdbc:mariadb:); the database is the JDBC catalog. */
    MYSQL("mysql", List.of("database", "table"), List.of("TABLE", "VIEW"));

    /** Seconds to wait for a database to answer a connection attempt: an unreachable host fails the crawl after this. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds a metadata query may wait for the database once connected, so that a stuck server cannot hang a crawl. */
    static final int READ_TIMEOUT_SECONDS = 300;

    private final String classification;
    private final List<String> levels;
    private final List<String> tableTypes;

    JdbcEngine(String classification, List<String> levels, List<String> tableTypes) {
        this.classification = classification;
        this.levels = levels;
        this.tableTypes = tableTypes;
    }

    /** @throws CrawlException naming the connection when its URL is not one of a database Epoxy crawls */
    static JdbcEngine ofUrl(String connectionName, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        throw new CrawlException("Cannot crawl through connection " + connectionName + ": its JDBC_CONNECTION_URL " + JdbcDatabase.withoutQuery(url)
                + " is not a PostgreSQL (jdbc:postgresql:), MySQL (jdbc:mysql:) or MariaDB (jdbc:mariadb:) URL");
    }

    /** The table parameter {@code classification} of its tables. */
    String classification() {
        return classification;
    }

    /** The names of the include path's segments, from the database down. */
    List<String> levels() {
        return levels;
    }

    /** The JDBC table types a crawl lists (others, such as system tables and sequences, are not data). */
    String[] tableTypes() {
        return tableTypes.toArray(String[]::new);
    }

    /** The catalog location of a table at {@code path} (one name a level): its names joined with dots, which the runtime reads back. */
    String location(List<String> path) {
        return String.join(".", path);
    }

    /** The driver properties that bound a connection attempt and each read: PostgreSQL's are in seconds, MySQL's and MariaDB's in milliseconds. */
    Properties timeouts() {
        Properties properties = new Properties();
        switch (this) {
            case POSTGRESQL -> {
                properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                properties.setProperty("socketTimeout", String.valueOf(READ_TIMEOUT_SECONDS));
            }
            case MYSQL -> {
                properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
                properties.setProperty("socketTimeout", String.valueOf(READ_TIMEOUT_SECONDS * 1000));
            }
        }
        return properties;
    }
}
