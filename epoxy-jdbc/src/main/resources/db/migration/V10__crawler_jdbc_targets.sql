-- Crawls run JdbcTargets: the typed view a crawl needs (connection name, include path, exclusions, additional
-- metadata), each encoded like V6's S3 targets. NULL for crawlers stored before V10: a JdbcTargets crawler of then
-- still names JdbcTargets in uncrawled_targets, and crawls them once UpdateCrawler stores its definition again.
ALTER TABLE crawlers ADD COLUMN jdbc_targets TEXT;
