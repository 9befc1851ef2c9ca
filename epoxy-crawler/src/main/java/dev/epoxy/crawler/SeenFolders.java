package dev.epoxy.crawler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The leaf folders that earlier crawls of a crawler saw, one URI a line, in a file the server gives
 * each crawl; CRAWL_NEW_FOLDERS_ONLY lists only folders not in it. Written after a successful crawl only.
 */
final class SeenFolders {
    private SeenFolders() {}

    static Set<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                folders.add(line);
            }
        }
        return Set.copyOf(folders);
    }

    static void write(Path file, Collection<String> folders) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, new LinkedHashSet<>(folders), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
