package dev.epoxy.testing;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package: a fresh cluster in a temporary
 * directory, listening on a free loopback port with its unix socket in that directory, with one
 * database owned by one password-authenticated user. {@link #close()} stops it and deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root, the binaries run as the
 * {@code postgres} OS user through {@code runuser}.
 */
public final class TestingPostgreSqlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestingPostgreSqlServer.class);

    private static final Path DEBIAN_POSTGRESQL = Paths.get("/usr/lib/postgresql");
    private static final String ADMIN_USER = "epoxy_admin";
    private static final String USER = "epoxy";
    private static final String DATABASE = "epoxy";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Path binDirectory;
    private final boolean runAsPostgresUser;
    private final Path directory;
    private final Path dataDirectory;
    private final String password;
    private final int port;

    public TestingPostgreSqlServer() {
        binDirectory = findBinDirectory(DEBIAN_POSTGRESQL);
        runAsPostgresUser = "root".equals(System.getProperty("user.name"));
        password = randomPassword();
        try {
            directory = Files.createTempDirectory("epoxy-postgresql-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for PostgreSQL", e);
        }
        dataDirectory = directory.resolve("data");
        try {
            if (runAsPostgresUser) {
                run(List.of("chown", "postgres:postgres", directory.toString()), false);
            }
            run(List.of(binary("initdb"), "--pgdata=" + dataDirectory, "--username=" + ADMIN_USER, "--encoding=UTF8", "--locale=C",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), true);
            port = start();
            psql(format("CREATE ROLE %s LOGIN PASSWORD '%s'", USER, password));
            psql(format("CREATE DATABASE %s OWNER %s ENCODING 'UTF8'", DATABASE, USER));
            LOG.info("PostgreSQL started on port {} in {}", port, directory);
        }
        catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return format("jdbc:postgresql://127.0.0.1:%s/%s", port, DATABASE);
    }

    /**
     * Creates another database owned by {@link #user()}, and returns its JDBC URL: tests that share one
     * server each take a database of their own.
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        psql(format("CREATE DATABASE %s OWNER %s ENCODING 'UTF8'", name, USER));
        return format("jdbc:postgresql://127.0.0.1:%s/%s", port, name);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The temporary directory holding the cluster, its socket and its log; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            // Also after a failed start: pg_ctl may have given up waiting on a server that did start.
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                stop();
            }
        }
        finally {
            deleteRecursively(directory);
        }
    }

    private int start() {
        Path log = directory.resolve("postgresql.log");
        RuntimeException failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int candidate = freePort();
            String options = format("-c listen_addresses=127.0.0.1 -c port=%s -c unix_socket_directories=%s "
                    + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40",
                    candidate, directory);
            try {
                // -w makes pg_ctl poll until the server accepts connections, for at most -t seconds.
                run(List.of(binary("pg_ctl"), "--pgdata=" + dataDirectory, "--log=" + log, "--options=" + options,
                        "--wait", "--timeout=" + COMMAND_TIMEOUT.toSeconds(), "start"), true);
                return candidate;
            }
            catch (RuntimeException e) {
                // Another process may have taken the port between freePort() and the bind: try another one.
                failure = failure == null ? e : failure;
                LOG.warn("PostgreSQL did not start on port {}: {}", candidate, readQuietly(log));
            }
        }
        throw new IllegalStateException("Cannot start PostgreSQL; its log says: " + readQuietly(log), failure);
    }

    private void stop() {
        try {
            run(List.of(binary("pg_ctl"), "--pgdata=" + dataDirectory, "--mode=immediate", "--wait",
                    "--timeout=" + COMMAND_TIMEOUT.toSeconds(), "stop"), true);
        }
        catch (RuntimeException e) {
            LOG.warn("pg_ctl stop failed, killing the postmaster", e);
            postmasterPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private void psql(String sql) {
        run(List.of(binary("psql"), "--host=" + directory, "--port=" + port, "--username=" + ADMIN_USER, "--dbname=postgres",
                "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--command=" + sql), true);
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs a command to completion within {@link #COMMAND_TIMEOUT}, failing with its output on a non-zero exit. */
    private void run(List<String> command, boolean asPostgresUser) {
        List<String> fullCommand = new ArrayList<>();
        if (asPostgresUser && runAsPostgresUser) {
            fullCommand.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        fullCommand.addAll(command);
        String name = Paths.get(command.get(0)).getFileName().toString();
        Path output = null;
        try {
            output = Files.createTempFile("epoxy-postgresql-" + name, ".out");
            // Output goes to a file, not a pipe: the server started by pg_ctl must not hold our pipe open.
            Process process = new ProcessBuilder(fullCommand)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(format("%s did not finish within %s: %s", name, COMMAND_TIMEOUT, readQuietly(output)));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(format("%s failed with exit code %s: %s", name, process.exitValue(), readQuietly(output)));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + name, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + name, e);
        }
        finally {
            if (output != null) {
                deleteRecursively(output);
            }
        }
    }

    private String binary(String name) {
        return binDirectory.resolve(name).toString();
    }

    /** The newest {@code <root>/<version>/bin} that has the server binaries. */
    static Path findBinDirectory(Path root) {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Stream.of("initdb", "pg_ctl", "postgres", "psql").allMatch(name -> Files.isExecutable(bin.resolve(name))))
                        .forEach(candidates::add);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + root, e);
            }
        }
        return candidates.stream()
                .max(Comparator.comparingDouble(TestingPostgreSqlServer::version))
                .orElseThrow(() -> new IllegalStateException(format(
                        "PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found under %s/<version>/bin; "
                                + "install the Debian package 'postgresql' (apt-get install postgresql)", root)));
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, UTF_8).strip() : "";
        }
        catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", file, e.getMessage());
                }
            });
        }
        catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }
}
