package dev.epoxy.jdbc;

import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

final class TestH2TagStore extends BaseTagStoreTest {
    @TempDir
    Path home;

    @Override
    protected Stores openStores() {
        return JdbcStores.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
    }

    @Override
    protected StoreSettings emptyDatabase(String name, GlueArns arns) {
        return new StoreSettings("jdbc:h2:file:" + home.resolve(name + "/epoxy"), Optional.empty(), Optional.empty(), arns);
    }
}
