-- Sessions, their tags and statements. This file runs unchanged on H2 2.x and PostgreSQL 15:
-- only types both accept (VARCHAR, TEXT, INTEGER, BIGINT, DOUBLE PRECISION) and standard DDL.
-- Instants are epoch milliseconds. Lists and maps are length-prefixed strings (see StringCodec).
-- Append-only: change the schema with a new V<n>__*.sql, never by editing this file.

CREATE TABLE sessions (
    id VARCHAR(255) NOT NULL,
    -- insertion order, to list sessions created in the same millisecond oldest first
    created_sequence BIGINT GENERATED ALWAYS AS IDENTITY,
    description TEXT,
    role TEXT NOT NULL,
    command_name VARCHAR(255) NOT NULL,
    python_version VARCHAR(255) NOT NULL,
    timeout_minutes INTEGER NOT NULL,
    idle_timeout_minutes INTEGER NOT NULL,
    default_arguments TEXT NOT NULL,
    connections TEXT NOT NULL,
    worker_type VARCHAR(32) NOT NULL,
    number_of_workers INTEGER NOT NULL,
    max_capacity DOUBLE PRECISION NOT NULL,
    security_configuration TEXT,
    glue_version VARCHAR(255) NOT NULL,
    request_origin TEXT,
    status VARCHAR(32) NOT NULL,
    error_message TEXT,
    created_on BIGINT NOT NULL,
    ready_on BIGINT,
    completed_on BIGINT,
    last_activity_on BIGINT NOT NULL,
    -- id of the session's last statement; createStatement increments it under the row lock
    last_statement_id INTEGER NOT NULL,
    CONSTRAINT sessions_pk PRIMARY KEY (id)
);

CREATE INDEX sessions_created_on ON sessions (created_on, created_sequence);

CREATE TABLE session_tags (
    session_id VARCHAR(255) NOT NULL,
    tag_key VARCHAR(1024) NOT NULL,
    tag_value TEXT NOT NULL,
    CONSTRAINT session_tags_pk PRIMARY KEY (session_id, tag_key),
    CONSTRAINT session_tags_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);

CREATE TABLE statements (
    session_id VARCHAR(255) NOT NULL,
    id INTEGER NOT NULL,
    code TEXT NOT NULL,
    state VARCHAR(32) NOT NULL,
    progress DOUBLE PRECISION NOT NULL,
    submitted_on BIGINT NOT NULL,
    started_on BIGINT,
    completed_on BIGINT,
    -- output_status is NULL when the statement has no output; the other output_* columns then are too
    output_status VARCHAR(32),
    output_execution_count INTEGER,
    output_text TEXT,
    output_error_name TEXT,
    output_error_value TEXT,
    output_traceback TEXT,
    CONSTRAINT statements_pk PRIMARY KEY (session_id, id),
    CONSTRAINT statements_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
