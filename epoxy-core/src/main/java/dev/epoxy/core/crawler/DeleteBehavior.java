package dev.epoxy.core.crawler;

/** What a crawl does with a table whose data is gone: Glue's {@code DeleteBehavior}. */
public enum DeleteBehavior {
    LOG,
    DELETE_FROM_DATABASE,
    DEPRECATE_IN_DATABASE
}
