package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Decides, without writing anything, the tables of a crawl's JdbcTargets: for each target, connects through its
 * Glue connection ({@link JdbcConnector}), lists the tables and views under its include path
 * ({@link JdbcIncludePath}) through {@link DatabaseMetaData}, skips those its exclusions match, and reads each
 * one's columns ({@link JdbcColumnTypes}). Tables this crawler made earlier through the same connection under
 * an include path, and not found again, are planned as gone. A target that cannot be crawled fails the whole
 * crawl before any table is touched.
 */
final class JdbcCrawlPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCrawlPlanner.class);
    /** MySQL's and MariaDB's own databases: not data, whatever a path's wildcards match. */
    private static final Set<String> MYSQL_SYSTEM_DATABASES = Set.of("information_schema", "mysql", "performance_schema", "sys");

    private final JdbcConnector connector;

    JdbcCrawlPlanner(JdbcConnector connector) {
        this.connector = requireNonNull(connector, "connector is null");
    }

    /** One target, parsed for the engine its connection turned out to be. */
    private record Crawled(String connectionName, JdbcEngine engine, JdbcIncludePath includePath) {}

    /**
     * Plans the JDBC side of a crawl.
     *
     * @param crawlerTables the tables this crawler made before, of every kind
     */
    List<TablePlan> plan(CrawlRequest request, List<Table> crawlerTables) {
        Map<String, TablePlan> found = new LinkedHashMap<>();
        List<Crawled> crawled = new ArrayList<>();
        for (CrawlRequest.JdbcTarget target : request.jdbcTargets()) {
            Exclusions exclusions;
            try {
                exclusions = Exclusions.of(target.exclusions());
            }
            catch (IllegalArgumentException e) {
                throw new CrawlException("JdbcTarget " + target.path() + ": " + e.getMessage(), e);
            }
            try (JdbcDatabase database = connector.open(target.connectionName())) {
                JdbcIncludePath includePath = JdbcIncludePath.parse(target.path(), database.engine());
                crawled.add(new Crawled(target.connectionName(), database.engine(), includePath));
                for (TablePlan plan : planTarget(request, database, includePath, exclusions)) {
                    TablePlan other = found.putIfAbsent(plan.tableName(), plan);
                    if (other != null && !other.equals(plan)) {
                        throw new CrawlException("Two tables would be named " + plan.tableName() + ": " + other.location() + " and " + plan.location()
                                + " (of connection " + target.connectionName() + "); exclude one, or crawl them with crawlers of different TablePrefix");
                    }
                }
            }
            catch (SQLException e) {
                throw new CrawlException("Cannot list the tables of " + target.path() + " through connection " + target.connectionName() + ": " + e.getMessage(), e);
            }
        }
        List<TablePlan> plans = new ArrayList<>(found.values());
        plans.addAll(gone(crawled, found.keySet(), crawlerTables));
        return List.copyOf(plans);
    }

    private List<TablePlan> planTarget(CrawlRequest request, JdbcDatabase database, JdbcIncludePath includePath, Exclusions exclusions) throws SQLException {
        DatabaseMetaData metadata = database.connection().getMetaData();
        List<TablePlan> plans = new ArrayList<>();
        for (ListedTable table : listTables(database, includePath)) {
            String fullPath = String.join("/", table.path());
            if (exclusions.excludes(includePath.relative(table.path())) || exclusions.excludes(fullPath)) {
                LOG.info("Table {} of connection {} is excluded", fullPath, database.connectionName());
                continue;
            }
            List<Column> columns = columnsOf(metadata, database.engine(), table);
            String name = JdbcTableDefinition.nameOf(request.tablePrefix(), table.path());
            JdbcTableDefinition definition = new JdbcTableDefinition(name, database.engine(), table.path(), database.connectionName(), table.view(),
                    columns, request.crawlerName());
            plans.add(new TablePlan(name, definition.location(), Optional.of(definition), Map.of()));
        }
        LOG.info("JdbcTarget {} of connection {}: {} tables", includePath, database.connectionName(), plans.size());
        return plans;
    }

    /** A table or view found under an include path: its names from the database down, and whether it is a view. */
    private record ListedTable(List<String> path, boolean view) {}

    private static List<ListedTable> listTables(JdbcDatabase database, JdbcIncludePath includePath) throws SQLException {
        DatabaseMetaData metadata = database.connection().getMetaData();
        JdbcEngine engine = database.engine();
        String catalog;
        String schemaPattern;
        String tablePattern;
        if (engine == JdbcEngine.POSTGRESQL) {
            String connected = database.connection().getCatalog();
            if (!includePath.database().equals(connected)) {
                throw new CrawlException("JdbcTarget " + includePath + " names database " + includePath.database() + ", but connection "
                        + database.connectionName() + " connects to database " + connected + ": a PostgreSQL connection lists the tables of its own database only");
            }
            catalog = connected;
            schemaPattern = includePath.segment(1);
            tablePattern = includePath.segment(2);
        }
        else {
            if (MYSQL_SYSTEM_DATABASES.contains(includePath.database().toLowerCase(Locale.ROOT))) {
                throw new CrawlException("JdbcTarget " + includePath + " names " + includePath.database() + ", a system database of the server, not data");
            }
            if (!catalogs(metadata).contains(includePath.database())) {
                throw new CrawlException("JdbcTarget " + includePath + ": database " + includePath.database() + " not found through connection "
                        + database.connectionName() + " (or its user may not see it)");
            }
            catalog = includePath.database();
            schemaPattern = null;
            tablePattern = includePath.segment(1);
        }
        List<ListedTable> tables = new ArrayList<>();
        // The patterns narrow what the database sends; '_' is a LIKE wildcard there, so every name is matched again exactly.
        try (ResultSet rows = metadata.getTables(catalog, schemaPattern, tablePattern, engine.tableTypes())) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                List<String> path = engine == JdbcEngine.POSTGRESQL
                        ? List.of(catalog, rows.getString("TABLE_SCHEM"), name)
                        : List.of(Optional.ofNullable(rows.getString("TABLE_CAT")).orElse(catalog), name);
                String type = Optional.ofNullable(rows.getString("TABLE_TYPE")).orElse("TABLE");
                if (includePath.matches(path)) {
                    tables.add(new ListedTable(path, type.toUpperCase(Locale.ROOT).contains("VIEW")));
                }
            }
        }
        tables.sort(Comparator.comparing(table -> String.join("/", table.path())));
        return tables;
    }

    private static Set<String> catalogs(DatabaseMetaData metadata) throws SQLException {
        Set<String> catalogs = new HashSet<>();
        try (ResultSet rows = metadata.getCatalogs()) {
            while (rows.next()) {
                catalogs.add(rows.getString("TABLE_CAT"));
            }
        }
        return catalogs;
    }

    private static List<Column> columnsOf(DatabaseMetaData metadata, JdbcEngine engine, ListedTable table) throws SQLException {
        List<String> path = table.path();
        String catalog = path.get(0);
        String schema = engine == JdbcEngine.POSTGRESQL ? path.get(1) : null;
        String name = path.get(path.size() - 1);
        record Numbered(int position, Column column) {}
        List<Numbered> columns = new ArrayList<>();
        try (ResultSet rows = metadata.getColumns(catalog, schema, name, "%")) {
            while (rows.next()) {
                // The arguments are LIKE patterns: another table whose name they match may answer too.
                boolean same = name.equals(rows.getString("TABLE_NAME")) && (schema == null || schema.equals(rows.getString("TABLE_SCHEM")));
                if (!same) {
                    continue;
                }
                String type = JdbcColumnTypes.glueType(rows.getInt("DATA_TYPE"), rows.getString("TYPE_NAME"), rows.getInt("COLUMN_SIZE"),
                        rows.getInt("DECIMAL_DIGITS"));
                columns.add(new Numbered(rows.getInt("ORDINAL_POSITION"),
                        new Column(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), type)));
            }
        }
        columns.sort(Comparator.comparingInt(Numbered::position));
        return columns.stream().map(Numbered::column).toList();
    }

    /** The crawler's earlier tables of these targets' connections under their include paths that this crawl did not find again. */
    private static List<TablePlan> gone(List<Crawled> crawled, Set<String> foundNames, List<Table> crawlerTables) {
        List<TablePlan> gone = new ArrayList<>();
        for (Table table : crawlerTables) {
            Map<String, String> parameters = Optional.ofNullable(table.parameters()).orElse(Map.of());
            String location = table.storageDescriptor().location();
            List<String> path = Arrays.asList(location.split("\\.", -1));
            boolean underTarget = crawled.stream().anyMatch(target -> target.connectionName().equals(parameters.get("connectionName"))
                    && target.engine().classification().equals(parameters.get("classification"))
                    && target.includePath().matches(path));
            if (underTarget && !foundNames.contains(table.name())) {
                gone.add(new TablePlan(table.name(), location, Optional.empty(), Map.of()));
            }
        }
        gone.sort(Comparator.comparing(TablePlan::tableName));
        return gone;
    }
}
