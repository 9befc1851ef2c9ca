-- Crawlers (issue 7); their tags are in resource_tags (V3), keyed by ARN. Same rules as V1: types H2 2.x and PostgreSQL 15 both accept,
-- instants as epoch milliseconds, lists as length-prefixed strings (StringCodec).

CREATE TABLE crawlers (
    name VARCHAR(255) NOT NULL,
    role TEXT NOT NULL,
    database_name VARCHAR(255) NOT NULL,
    description TEXT,
    -- each target is an encoded list [path, sample size or empty, encoded exclusions]
    s3_targets TEXT NOT NULL,
    classifiers TEXT NOT NULL,
    table_prefix VARCHAR(255),
    update_behavior VARCHAR(32) NOT NULL,
    delete_behavior VARCHAR(32) NOT NULL,
    recrawl_behavior VARCHAR(32) NOT NULL,
    configuration TEXT,
    schedule TEXT,
    security_configuration VARCHAR(255),
    state VARCHAR(32) NOT NULL,
    crawl_started_on BIGINT,
    last_crawl_status VARCHAR(32),
    last_crawl_error_message TEXT,
    last_crawl_log_group TEXT,
    last_crawl_log_stream TEXT,
    last_crawl_message_prefix TEXT,
    last_crawl_start_time BIGINT,
    tables_created INTEGER NOT NULL,
    tables_updated INTEGER NOT NULL,
    tables_deleted INTEGER NOT NULL,
    -- runtimes in seconds of the last crawls, oldest first, encoded
    recent_runtimes TEXT NOT NULL,
    creation_time BIGINT NOT NULL,
    last_updated BIGINT NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT crawlers_pk PRIMARY KEY (name)
);
