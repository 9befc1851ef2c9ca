-- Statements belong to a session row, not to a session id, and a deleted session's history is
-- purged in the background: DeleteSession removes the session row at once (its id is free again
-- immediately), and the statements of a deleted session, however many, go later in small batches.
-- Each statement also records its size, so that ListStatements can cut a history into bounded pages
-- without reading the outputs it does not return. Runs unchanged on H2 2.x and PostgreSQL 15.

-- created_sequence is never reused, so it doubles as the session row's internal key.
ALTER TABLE sessions ADD CONSTRAINT sessions_key_unique UNIQUE (created_sequence);

ALTER TABLE statements ADD COLUMN session_key BIGINT;
-- characters of code and output together (the traceback as stored), maintained by every write
ALTER TABLE statements ADD COLUMN stored_chars BIGINT;

UPDATE statements SET
    session_key = (SELECT sessions.created_sequence FROM sessions WHERE sessions.id = statements.session_id),
    stored_chars = LENGTH(code) + COALESCE(LENGTH(output_text), 0) + COALESCE(LENGTH(output_error_name), 0)
        + COALESCE(LENGTH(output_error_value), 0) + COALESCE(LENGTH(output_traceback), 0);

ALTER TABLE statements DROP CONSTRAINT statements_session_fk;
ALTER TABLE statements DROP CONSTRAINT statements_pk;
ALTER TABLE statements DROP COLUMN session_id;
ALTER TABLE statements ALTER COLUMN session_key SET NOT NULL;
ALTER TABLE statements ALTER COLUMN stored_chars SET NOT NULL;
ALTER TABLE statements ADD CONSTRAINT statements_pk PRIMARY KEY (session_key, id);

-- Keys of deleted sessions whose statements are still to be purged.
CREATE TABLE deleted_sessions (
    session_key BIGINT NOT NULL,
    CONSTRAINT deleted_sessions_pk PRIMARY KEY (session_key)
);
