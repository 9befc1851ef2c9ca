-- Crawlers keep their whole definition (issue 7): CreateCrawler's members bound from the service model, as UpdateCrawler
-- merged them, as JSON text that only the server reads. The V6 columns stay the typed view a crawl needs. A crawler stored
-- before V7 has no document (NULL); the server then answers from the V6 columns, which held all it kept.
ALTER TABLE crawlers ADD COLUMN document TEXT;
-- The kinds of target the crawler has but crawls do not run (JdbcTargets, DeltaTargets, ...), encoded like V6's lists;
-- NULL for crawlers stored before V7, which could only have S3Targets.
ALTER TABLE crawlers ADD COLUMN uncrawled_targets TEXT;
