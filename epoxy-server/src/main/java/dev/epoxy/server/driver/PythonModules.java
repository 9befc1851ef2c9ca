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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code --additional-python-modules}: installed with the base Python's pip ({@code pip install
 * --target}) into {@code <home>/python-modules/<digest of the requirement string and installer options>/},
 * which later runs and sessions with the same strings reuse, and put first on their {@code PYTHONPATH},
 * over the base environment. {@code --python-modules-installer-option} adds pip options (an
 * {@code --index-url}, {@code --find-links} of a wheel directory); pip also reads its own settings
 * ({@code PIP_INDEX_URL}, {@code PIP_FIND_LINKS}, pip.conf) from the server's environment. pip's
 * output goes to the run's or session's log.
 */
final class PythonModules {
    static final String ADDITIONAL_PYTHON_MODULES = "--additional-python-modules";
    static final String INSTALLER_OPTION = "--python-modules-installer-option";
    private static final long INSTALL_TIMEOUT_MINUTES = 30;
    private static final String INSTALLED_MARKER = ".epoxy-installed";
    /** pip options that would move the install out of the cache directory Epoxy chose. */
    private static final Set<String> PLACEMENT_OPTIONS = Set.of("-t", "--target", "--prefix", "--root", "--user", "--home", "--src");

    private PythonModules() {}

    /**
     * The modules a run or session asks for in its arguments, installed; empty when it asks for none.
     *
     * @throws EpoxyException {@code INVALID_INPUT} with pip's message when the install fails
     */
    static Optional<Path> installFor(Map<String, String> arguments, String python, Path home, Path log) throws IOException {
        String requirements = arguments.getOrDefault(ADDITIONAL_PYTHON_MODULES, "").strip();
        if (requirements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(install(requirements, installerOptions(arguments.getOrDefault(INSTALLER_OPTION, "")), python, home, log));
    }

    /**
     * {@code --python-modules-installer-option}, split on whitespace as Glue does.
     *
     * @throws EpoxyException {@code INVALID_INPUT} for an option that chooses where pip installs
     */
    static List<String> installerOptions(String value) {
        List<String> options = Arrays.stream(value.strip().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        for (String option : options) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (PLACEMENT_OPTIONS.contains(name)) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid %s: %s cannot be used, Epoxy chooses where the modules are installed", INSTALLER_OPTION, name);
            }
        }
        return options;
    }

    /**
     * @return the directory the modules are in
     * @throws EpoxyException {@code INVALID_INPUT} with pip's message when the install fails
     */
    static Path install(String requirements, String python, Path home, Path runLog) throws IOException {
        return install(requirements, List.of(), python, home, runLog);
    }

    private static Path install(String requirements, List<String> installerOptions, String python, Path home, Path runLog) throws IOException {
        List<String> modules = Arrays.stream(requirements.split(",")).map(String::strip).filter(module -> !module.isEmpty()).toList();
        Path root = home.toAbsolutePath().normalize().resolve("python-modules");
        String cacheKey = installerOptions.isEmpty() ? String.join(",", modules) : String.join(",", modules) + "\n" + String.join(" ", installerOptions);
        Path target = root.resolve(HexFormat.of().formatHex(sha256(cacheKey)).substring(0, 32));
        if (Files.isRegularFile(target.resolve(INSTALLED_MARKER))) {
            return target;
        }
        Files.createDirectories(root);
        Path partial = root.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        Path pipLog = runLog.resolveSibling("pip.log");
        List<String> command = new java.util.ArrayList<>(List.of(python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--target",
                partial.toString()));
        command.addAll(installerOptions);
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
        Files.writeString(partial.resolve(INSTALLED_MARKER), cacheKey + "\n", UTF_8);
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

    /**
     * pip's {@code ERROR:} lines (the first three: "Could not find a version that satisfies the
     * requirement …" comes before "No matching distribution found for …"), or its last line.
     */
    static String pipError(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("ERROR:")).limit(3).toList();
        if (!errors.isEmpty()) {
            return String.join(" ", errors);
        }
        return lines.isEmpty() ? "pip failed without output" : lines.get(lines.size() - 1);
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
