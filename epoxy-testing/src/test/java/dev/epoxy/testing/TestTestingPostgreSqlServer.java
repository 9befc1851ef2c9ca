package dev.epoxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestTestingPostgreSqlServer {
    @Test
    void serverListensOnLoopbackUntilClosedAndLeavesNothingBehind() throws IOException {
        TestingPostgreSqlServer server = new TestingPostgreSqlServer();
        Path directory = server.directory();
        int port = server.port();
        try {
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/epoxy");
            assertThat(server.user()).isEqualTo("epoxy");
            assertThat(server.password()).hasSize(32);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThat(directory.resolve(".s.PGSQL." + port)).exists();
        }
        finally {
            server.close();
        }

        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void twoServersRunSideBySide() {
        try (TestingPostgreSqlServer first = new TestingPostgreSqlServer();
                TestingPostgreSqlServer second = new TestingPostgreSqlServer()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.directory()).isNotEqualTo(second.directory());
            assertThat(first.password()).isNotEqualTo(second.password());
        }
    }

    @Test
    void newestInstalledVersionIsChosen(@TempDir Path root) throws IOException {
        createFakeBinaries(root.resolve("9.6/bin"));
        createFakeBinaries(root.resolve("15/bin"));
        createFakeBinaries(root.resolve("13/bin"));
        Files.createDirectories(root.resolve("16/bin")); // no binaries: the server package is not installed

        assertThat(TestingPostgreSqlServer.findBinDirectory(root)).isEqualTo(root.resolve("15/bin"));
    }

    @Test
    void missingBinariesFailNamingTheDebianPackage(@TempDir Path root) {
        assertThatThrownBy(() -> TestingPostgreSqlServer.findBinDirectory(root.resolve("absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found under %s/<version>/bin; "
                        + "install the Debian package 'postgresql' (apt-get install postgresql)", root.resolve("absent"));
    }

    private static void createFakeBinaries(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String name : new String[] {"initdb", "pg_ctl", "postgres", "psql"}) {
            Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
