package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;

/** An open, read-only JDBC connection of one crawl, with the Glue connection it was opened through and its engine. */
record JdbcDatabase(String connectionName, JdbcEngine engine, String url, Connection connection) implements AutoCloseable {
    JdbcDatabase {
        requireNonNull(connectionName, "connectionName is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(url, "url is null");
        requireNonNull(connection, "connection is null");
    }

    @Override
    public void close() {
        try {
            connection.close();
        }
        catch (SQLException e) {
            // Only metadata was read: a failing close loses nothing.
        }
    }

    /** A JDBC URL as messages show it: without its query string, where drivers accept credentials. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
