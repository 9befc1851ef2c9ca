package dev.epoxy.server.driver;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --extra-py-files} of a {@code pythonshell} run, which has no Spark to ship them: each entry (an
 * {@code s3://} object of Epoxy's storage or a local file) is copied into the run's {@code py-files/}
 * directory, so that later uploads do not change a running run, and put on the script's
 * {@code PYTHONPATH}: the directory once for {@code .py} modules, each archive ({@code .zip},
 * {@code .egg}, {@code .whl}: Python imports from them directly) by itself. A {@code glueetl} run needs
 * none of this: Spark fetches {@code spark.submit.pyFiles} through the same file systems the script uses.
 */
final class PythonShellFiles {
    static final String DIRECTORY = "py-files";
    private static final List<String> ARCHIVES = List.of(".zip", ".egg", ".whl");

    private PythonShellFiles() {}

    /**
     * @param extraPyFiles the argument's value: comma-separated locations
     * @return the entries to put ahead of the dist's Python directory, in the argument's order
     * @throws EpoxyException {@code INVALID_INPUT} naming an entry that does not exist or is not a Python file
     */
    static List<Path> stage(String extraPyFiles, Map<String, String> driverSparkConf, Path home, Path runDirectory) throws IOException {
        List<Path> pythonPath = new ArrayList<>();
        Path directory = runDirectory.resolve(DIRECTORY);
        for (String entry : extraPyFiles.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String name = entry.strip();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean module = lower.endsWith(".py");
            if (!module && ARCHIVES.stream().noneMatch(lower::endsWith)) {
                throw new EpoxyException(ErrorCode.INVALID_INPUT, "--extra-py-files entry %s is not a .py, .zip, .egg or .whl file", name);
            }
            Path source = JobScripts.resolve("--extra-py-files entry", name, driverSparkConf, home);
            Files.createDirectories(directory);
            Path copy = directory.resolve(source.getFileName().toString());
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            Path onPath = module ? directory : copy;
            if (!pythonPath.contains(onPath)) {
                pythonPath.add(onPath);
            }
        }
        return pythonPath;
    }
}
