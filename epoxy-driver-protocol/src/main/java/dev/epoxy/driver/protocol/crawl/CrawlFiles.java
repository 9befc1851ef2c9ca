package dev.epoxy.driver.protocol.crawl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files between the server and a crawl process, and how they are read and written. */
public final class CrawlFiles {
    /** Spark conf naming the {@link CrawlRequest} file of a crawl process. */
    public static final String REQUEST_FILE_CONF = "spark.epoxy.crawl.request-file";
    /** The main class of the crawl process (module epoxy-crawler). */
    public static final String MAIN_CLASS = "dev.epoxy.crawler.CrawlMain";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CrawlFiles() {}

    public static void writeRequest(Path file, CrawlRequest request) throws IOException {
        writeAtomically(file, MAPPER.writeValueAsBytes(request));
    }

    public static CrawlRequest readRequest(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), CrawlRequest.class);
    }

    /** Written to a sibling and moved in place, so that a reader never sees half a result. */
    public static void writeResult(Path file, CrawlResult result) throws IOException {
        writeAtomically(file, MAPPER.writeValueAsBytes(result));
    }

    public static CrawlResult readResult(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), CrawlResult.class);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
