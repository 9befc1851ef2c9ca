package dev.epoxy.core.crawler;

/** What a crawl does with a table whose schema changed: Glue's {@code UpdateBehavior}. */
public enum UpdateBehavior {
    LOG,
    UPDATE_IN_DATABASE
}
