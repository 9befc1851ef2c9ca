package dev.epoxy.core;

/**
 * Domain meanings of failures. The server's {@code GlueErrors} is the only place that turns a code
 * into an AWS error shape and HTTP status.
 */
public enum ErrorCode {
    SESSION_NOT_FOUND,
    STATEMENT_NOT_FOUND,
    DATABASE_NOT_FOUND,
    TABLE_NOT_FOUND,
    CONNECTION_NOT_FOUND,
    JOB_NOT_FOUND,
    ENTITY_NOT_FOUND,
    CRAWLER_NOT_FOUND,
    /** A crawler is crawling and cannot be started, changed or deleted. */
    CRAWLER_RUNNING,
    /** StopCrawler on a crawler that is not crawling. */
    CRAWLER_NOT_RUNNING,
    /** StopCrawler on a crawler that is already stopping. */
    CRAWLER_STOPPING,
    ALREADY_EXISTS,
    INVALID_INPUT,
    ILLEGAL_SESSION_STATE,
    SESSION_BUSY,
    CONCURRENT_MODIFICATION,
    /** StartJobRun while the job's ExecutionProperty.MaxConcurrentRuns runs are active. */
    CONCURRENT_RUNS_EXCEEDED,
    LIMIT_EXCEEDED,
    NOT_SUPPORTED,
    TIMEOUT,
    INTERNAL
}
