package dev.epoxy.jdbc;

import static dev.epoxy.core.ErrorCode.ALREADY_EXISTS;
import static dev.epoxy.jdbc.Columns.setText;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.crawler.Crawler;
import dev.epoxy.core.crawler.CrawlerState;
import dev.epoxy.core.crawler.CrawlerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link CrawlerStore} over JDBC (the table of V6, with V7's columns), on H2 or PostgreSQL. */
public final class JdbcCrawlerStore implements CrawlerStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcWork work;

    /** @param dataSource a migrated database, shared with the other stores ({@link JdbcStores}) */
    JdbcCrawlerStore(DataSource dataSource) {
        this.work = new JdbcWork(dataSource);
    }

    @Override
    public void createCrawler(Crawler crawler) {
        requireNonNull(crawler, "crawler is null");
        work.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(CrawlerRows.INSERT)) {
                CrawlerRows.bind(insert, crawler);
                insert.executeUpdate();
            }
            catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EpoxyException(ALREADY_EXISTS, "Crawler already exists: %s", crawler.name());
                }
                throw e;
            }
            return null;
        }, "Cannot create crawler %s", crawler.name());
    }

    @Override
    public Optional<Crawler> findCrawler(String name) {
        requireNonNull(name, "name is null");
        return work.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(CrawlerRows.SELECT + " WHERE name = ?")) {
                setText(select, 1, name);
                return readAll(select).stream().findFirst();
            }
        }, "Cannot read crawler %s", name);
    }

    @Override
    public List<Crawler> listCrawlers(Optional<String> afterName, int limit) {
        requireNonNull(afterName, "afterName is null");
        return work.inTransaction(connection -> {
            String where = afterName.isPresent() ? " WHERE name > ?" : "";
            try (PreparedStatement select = connection.prepareStatement(CrawlerRows.SELECT + where + " ORDER BY name")) {
                if (afterName.isPresent()) {
                    setText(select, 1, afterName.get());
                }
                select.setMaxRows(limit);
                return readAll(select);
            }
        }, "Cannot list crawlers");
    }

    @Override
    public boolean updateCrawler(Crawler crawler, CrawlerState expected) {
        requireNonNull(crawler, "crawler is null");
        requireNonNull(expected, "expected is null");
        return work.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(CrawlerRows.UPDATE)) {
                CrawlerRows.bind(update, crawler);
                setText(update, CrawlerRows.BOUND_COLUMNS + 1, crawler.name());
                update.setString(CrawlerRows.BOUND_COLUMNS + 2, expected.name());
                return update.executeUpdate() == 1;
            }
        }, "Cannot update crawler %s", crawler.name());
    }

    @Override
    public boolean deleteCrawler(String name) {
        requireNonNull(name, "name is null");
        return work.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM crawlers WHERE name = ?")) {
                setText(delete, 1, name);
                return delete.executeUpdate() == 1;
            }
        }, "Cannot delete crawler %s", name);
    }

    private static List<Crawler> readAll(PreparedStatement select) throws SQLException {
        List<Crawler> crawlers = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                crawlers.add(CrawlerRows.read(rows));
            }
        }
        return List.copyOf(crawlers);
    }
}
