package dev.epoxy.jdbc.connection;

import dev.epoxy.core.store.StoreSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

final class TestH2ConnectionStore extends BaseConnectionStoreTest {
    @TempDir
    Path home;

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return new StoreSettings("jdbc:h2:file:" + home.resolve(name + "/epoxy"), Optional.empty(), Optional.empty());
    }
}
