package dev.epoxy.jdbc.catalog;

import dev.epoxy.core.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

final class TestH2PartitionStore extends BasePartitionStoreTest {
    @TempDir
    Path home;

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return new StoreSettings("jdbc:h2:file:" + home.resolve(name + "/epoxy"), Optional.empty(), Optional.empty());
    }

    @Override
    protected Connection connect(StoreSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl() + ";DB_CLOSE_ON_EXIT=FALSE");
    }
}
