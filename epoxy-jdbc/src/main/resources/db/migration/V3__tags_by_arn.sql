-- Tags of every taggable resource, keyed by its ARN (arn:aws:glue:<region>:<account>:<type>/<path>),
-- no longer by session id: the tag operations serve sessions, crawlers, databases... alike. A resource
-- has no foreign key here; whoever deletes a resource deletes its tags (TagStore.deleteTags).
-- ${region} and ${account_id} are Flyway placeholders set from the server's epoxy.region and
-- epoxy.account-id (JdbcStores), so the sessions' existing tags move under their sessions' ARNs.
-- Runs on H2 2.x and PostgreSQL 15.

CREATE TABLE resource_tags (
    arn VARCHAR(2048) NOT NULL,
    tag_key VARCHAR(1024) NOT NULL,
    tag_value TEXT NOT NULL,
    CONSTRAINT resource_tags_pk PRIMARY KEY (arn, tag_key)
);

INSERT INTO resource_tags (arn, tag_key, tag_value)
    SELECT 'arn:aws:glue:${region}:${account_id}:session/' || session_id, tag_key, tag_value FROM session_tags;

DROP TABLE session_tags;
