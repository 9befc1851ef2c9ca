package dev.epoxy.jdbc.job;

import dev.epoxy.core.store.StoreSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

final class TestH2JobStore extends BaseJobStoreTest {
    @TempDir
    Path home;

    @Override
    protected StoreSettings emptyDatabase(String name) {
        return new StoreSettings("jdbc:h2:file:" + home.resolve(name + "/epoxy"), Optional.empty(), Optional.empty());
    }
}
