package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of each crawler under {@code <home>/crawlers/<encoded name>/}: {@code crawl.log} (the
 * crawl process's output, LastCrawl's log stream), {@code request.json}, {@code result.json},
 * {@code crawl.pid} (to find an orphan after a restart) and {@code seen-folders.txt} (the folders of
 * earlier crawls, for CRAWL_NEW_FOLDERS_ONLY). Names are hex-encoded (crawler names may hold any
 * character but the file system's), long ones SHA-256-hashed.
 */
final class CrawlDirectories {
    private static final int MAX_HEX_NAME_BYTES = 100;

    private final Path root;

    private CrawlDirectories(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    static CrawlDirectories under(Path home) {
        return new CrawlDirectories(home.resolve("crawlers"));
    }

    Path directoryOf(String crawlerName) {
        byte[] bytes = crawlerName.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_HEX_NAME_BYTES) {
            return root.resolve(HexFormat.of().formatHex(bytes));
        }
        // File names have at most 255 bytes: long crawler names (up to 255 characters) go by their hash.
        try {
            return root.resolve("sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    Path logOf(String crawlerName) {
        return directoryOf(crawlerName).resolve("crawl.log");
    }

    Path requestOf(String crawlerName) {
        return directoryOf(crawlerName).resolve("request.json");
    }

    Path resultOf(String crawlerName) {
        return directoryOf(crawlerName).resolve("result.json");
    }

    Path pidOf(String crawlerName) {
        return directoryOf(crawlerName).resolve("crawl.pid");
    }

    Path seenFoldersOf(String crawlerName) {
        return directoryOf(crawlerName).resolve("seen-folders.txt");
    }

    /** The pid files of every crawler directory. */
    List<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> directories = Files.list(root)) {
            return directories.map(directory -> directory.resolve("crawl.pid")).filter(Files::isRegularFile).toList();
        }
    }

    void delete(String crawlerName) throws IOException {
        SessionDirectories.deleteTree(directoryOf(crawlerName));
    }
}
