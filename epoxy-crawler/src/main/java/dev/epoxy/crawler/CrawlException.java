package dev.epoxy.crawler;

/** A crawl that cannot go on, with the message for LastCrawl.ErrorMessage. */
final class CrawlException extends RuntimeException {
    CrawlException(String message) {
        super(message);
    }

    CrawlException(String message, Throwable cause) {
        super(message, cause);
    }
}
