package dev.epoxy.glue.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The primary key of a {@code dbtable}, asked of the database's own metadata: Glue's bookmark keys when a bookmarked
 * JDBC source names no {@code jobBookmarkKeys}.
 */
final class JdbcPrimaryKey {
    private JdbcPrimaryKey() {}

    /**
     * The primary key's columns in key order, as the database spells them; empty when the table has none.
     *
     * @param table {@code dbtable}: {@code table}, or {@code schema.table} ({@code database.table} on MySQL and MariaDB),
     *     parts optionally quoted
     */
    static List<String> of(JdbcConnection connection, Map<String, String> sparkOptions, String table) throws SQLException {
        int dot = table.lastIndexOf('.');
        String qualifier = dot < 0 ? null : unquote(table.substring(0, dot));
        String name = unquote(table.substring(dot + 1));
        boolean databaseIsCatalog = connection.vendor() == JdbcVendor.MYSQL || connection.vendor() == JdbcVendor.MARIADB;
        try (Connection jdbc = JdbcOptions.open(connection, sparkOptions)) {
            DatabaseMetaData metadata = jdbc.getMetaData();
            String catalog = databaseIsCatalog ? (qualifier != null ? qualifier : jdbc.getCatalog()) : null;
            String schema = databaseIsCatalog ? null : (qualifier != null ? qualifier : jdbc.getSchema());
            // Unquoted names are folded by the database (lower case on PostgreSQL, upper case on Oracle); try each spelling.
            for (String candidate : spellings(name)) {
                List<String> columns = primaryKey(metadata, catalog, schema, candidate);
                if (!columns.isEmpty()) {
                    return columns;
                }
            }
            return List.of();
        }
    }

    private static List<String> primaryKey(DatabaseMetaData metadata, String catalog, String schema, String table) throws SQLException {
        TreeMap<Short, String> columns = new TreeMap<>();
        try (ResultSet keys = metadata.getPrimaryKeys(catalog, schema, table)) {
            while (keys.next()) {
                columns.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(columns.values());
    }

    private static Set<String> spellings(String name) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(name);
        spellings.add(name.toLowerCase(Locale.ROOT));
        spellings.add(name.toUpperCase(Locale.ROOT));
        return spellings;
    }

    private static String unquote(String part) {
        String stripped = part.strip();
        if (stripped.length() >= 2) {
            char first = stripped.charAt(0);
            char last = stripped.charAt(stripped.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                return stripped.substring(1, stripped.length() - 1);
            }
        }
        return stripped;
    }
}
