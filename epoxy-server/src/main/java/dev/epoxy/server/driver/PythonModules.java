package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code --additional-python-modules}: installed with the base Python's pip ({@code pip install
 * --target}) into {@code <home>/python-modules/<digest of the requirement string>/}, which later runs
 * with the same string reuse, and put on the run's {@code PYTHONPATH}. pip's output goes to the run's log.
 */
final class PythonModules {
    private static final long INSTALL_TIMEOUT_MINUTES = 30;
    private static final String INSTALLED_MARKER = ".epoxy-installed";

    private PythonModules() {}

    /**
     * @return the directory the modules are in
     * @throws EpoxyException {@code INVALID_INPUT} with pip's message when the install fails
     */
    static Path install(String requirements, String python, Path home, Path runLog) throws IOException {
        List<String> modules = Arrays.stream(requirements.split(",")).map(String::strip).filter(module -> !module.isEmpty()).toList();
        Path root = home.toAbsolutePath().normalize().resolve("python-modules");
        Path target = root.resolve(HexFormat.of().formatHex(sha256(String.join(",", modules))).substring(0, 32));
        if (Files.isRegularFile(target.resolve(INSTALLED_MARKER))) {
            return target;
        }
        Files.createDirectories(root);
        Path partial = root.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        Path pipLog = runLog.resolveSibling("pip.log");
        List<String> command = new java.util.ArrayList<>(List.of(python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--target",
                partial.toString()));
        command.addAll(modules);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(pipLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        int exitCode;
        try {
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "Cannot install --additional-python-modules %s: pip did not finish within %s minutes",
                        requirements, INSTALL_TIMEOUT_MINUTES);
            }
            exitCode = process.exitValue();
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while installing Python modules", e);
        }
        finally {
            String output = Files.isRegularFile(pipLog) ? Files.readString(pipLog, UTF_8) : "";
            Files.writeString(runLog, output, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (exitCode != 0) {
            SessionDirectories.deleteTree(partial);
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "Cannot install --additional-python-modules %s: %s", requirements, pipError(Files.readString(pipLog, UTF_8)));
        }
        Files.writeString(partial.resolve(INSTALLED_MARKER), String.join(",", modules) + "\n", UTF_8);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // Another run installed the same modules meanwhile.
            SessionDirectories.deleteTree(partial);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
        return target;
    }

    /** pip's first {@code ERROR:} line, or its last line. */
    static String pipError(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.stream().filter(line -> line.startsWith("ERROR:")).findFirst()
                .orElse(lines.isEmpty() ? "pip failed without output" : lines.get(lines.size() - 1));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
