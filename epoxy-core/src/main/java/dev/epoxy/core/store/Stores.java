package dev.epoxy.core.store;

import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.connection.ConnectionStore;
import dev.epoxy.core.crawler.CrawlerStore;
import dev.epoxy.core.catalog.partition.PartitionStore;
import dev.epoxy.core.job.JobStore;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.tag.TagStore;

/**
 * Every store of one Epoxy server over one database: one connection pool and one schema history, shared
 * by a store per resource family. Each family adds its accessor here (sessions, tags, the catalog,
 * crawlers, jobs) and its implementation to the factory's {@code Stores}.
 *
 * <p>The stores handed out live as long as this object; {@link #close()} stops them and releases the
 * connections.
 */
public interface Stores extends AutoCloseable {
    SessionStore sessions();

    TagStore tags();

    /** Databases, tables and table versions of the Data Catalog. */
    CatalogStore catalog();

    /** Crawlers and their tags. */
    CrawlerStore crawlers();

    /** Partitions of the Data Catalog's tables. */
    PartitionStore partitions();

    /** Jobs, their runs and their bookmark history. */
    JobStore jobs();

    /** Glue connections, their secrets sealed. */
    ConnectionStore connections();

    /** Stops the stores' background work and releases the connections. */
    @Override
    void close();
}
