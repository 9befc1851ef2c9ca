-- Statements belong to a session row, not to a session id, and a deleted session's history is
-- purged in the background: DeleteSession removes the session row at once (its id is free again
-- immediately), and the statements of a deleted session, however many, go later, one at a time.
-- Outputs move to their own table, written once when a statement finishes: on H2, updating a row
-- that holds a large value made the file grow with the square of the history (48 outputs of
-- 1 MiB: 2.3 GB). Each statement records its size, so that ListStatements cuts a history into
-- bounded pages without reading the outputs it does not return. Runs on H2 2.x and PostgreSQL 15.

-- created_sequence is never reused, so it doubles as the session row's internal key.
ALTER TABLE sessions ADD CONSTRAINT sessions_key_unique UNIQUE (created_sequence);

CREATE TABLE statement_outputs (
    session_key BIGINT NOT NULL,
    statement_id INTEGER NOT NULL,
    output_status VARCHAR(32) NOT NULL,
    output_execution_count INTEGER NOT NULL,
    output_text TEXT,
    output_error_name TEXT,
    output_error_value TEXT,
    output_traceback TEXT NOT NULL,
    CONSTRAINT statement_outputs_pk PRIMARY KEY (session_key, statement_id)
);

ALTER TABLE statements ADD COLUMN session_key BIGINT;
-- bytes of code and output as JSON strings (PageLimit.sizeOf), maintained by every write; for
-- statements written before this migration, their characters (exact for ASCII without escapes)
ALTER TABLE statements ADD COLUMN json_bytes BIGINT;

UPDATE statements SET
    session_key = (SELECT sessions.created_sequence FROM sessions WHERE sessions.id = statements.session_id),
    json_bytes = LENGTH(code) + COALESCE(LENGTH(output_text), 0) + COALESCE(LENGTH(output_error_name), 0)
        + COALESCE(LENGTH(output_error_value), 0) + COALESCE(LENGTH(output_traceback), 0);

INSERT INTO statement_outputs (session_key, statement_id, output_status, output_execution_count, output_text,
        output_error_name, output_error_value, output_traceback)
    SELECT session_key, id, output_status, output_execution_count, output_text, output_error_name, output_error_value,
        COALESCE(output_traceback, '')
    FROM statements WHERE output_status IS NOT NULL;

ALTER TABLE statements DROP CONSTRAINT statements_session_fk;
ALTER TABLE statements DROP CONSTRAINT statements_pk;
ALTER TABLE statements DROP COLUMN session_id;
ALTER TABLE statements DROP COLUMN output_status;
ALTER TABLE statements DROP COLUMN output_execution_count;
ALTER TABLE statements DROP COLUMN output_text;
ALTER TABLE statements DROP COLUMN output_error_name;
ALTER TABLE statements DROP COLUMN output_error_value;
ALTER TABLE statements DROP COLUMN output_traceback;
ALTER TABLE statements ALTER COLUMN session_key SET NOT NULL;
ALTER TABLE statements ALTER COLUMN json_bytes SET NOT NULL;
ALTER TABLE statements ADD CONSTRAINT statements_pk PRIMARY KEY (session_key, id);

-- Keys of deleted sessions whose statements are still to be purged.
CREATE TABLE deleted_sessions (
    session_key BIGINT NOT NULL,
    CONSTRAINT deleted_sessions_pk PRIMARY KEY (session_key)
);
