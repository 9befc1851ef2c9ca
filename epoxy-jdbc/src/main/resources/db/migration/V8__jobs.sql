-- Jobs, job runs and job bookmarks (issue 8); their tags are in resource_tags (V3), keyed by ARN. Same rules as V1: types H2 2.x and
-- PostgreSQL 15 both accept, instants as epoch milliseconds, maps as length-prefixed strings (StringCodec).

CREATE TABLE jobs (
    name VARCHAR(255) NOT NULL,
    -- Glue's Job shape as JSON, written by the server (the store does not read it)
    document TEXT NOT NULL,
    created_on BIGINT NOT NULL,
    last_modified_on BIGINT NOT NULL,
    CONSTRAINT jobs_pk PRIMARY KEY (name)
);

CREATE TABLE job_runs (
    id VARCHAR(255) NOT NULL,
    job_name VARCHAR(255) NOT NULL,
    -- 1, 2, ... per job in start order: GetJobRuns lists newest first and pages by it
    run_number BIGINT NOT NULL,
    attempt INTEGER NOT NULL,
    previous_run_id VARCHAR(255),
    state VARCHAR(32) NOT NULL,
    started_on BIGINT NOT NULL,
    running_on BIGINT,
    last_modified_on BIGINT NOT NULL,
    completed_on BIGINT,
    arguments TEXT NOT NULL,
    error_message TEXT,
    timeout_minutes INTEGER NOT NULL,
    command_name VARCHAR(32) NOT NULL,
    worker_type VARCHAR(32),
    number_of_workers INTEGER,
    max_capacity DOUBLE PRECISION NOT NULL,
    glue_version VARCHAR(32) NOT NULL,
    execution_class VARCHAR(32),
    CONSTRAINT job_runs_pk PRIMARY KEY (id),
    CONSTRAINT job_runs_number UNIQUE (job_name, run_number),
    CONSTRAINT job_runs_job_fk FOREIGN KEY (job_name) REFERENCES jobs (name) ON DELETE CASCADE
);

CREATE INDEX job_runs_by_state ON job_runs (state);

CREATE TABLE job_bookmarks (
    job_name VARCHAR(255) NOT NULL,
    version INTEGER NOT NULL,
    run INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    previous_run_id VARCHAR(255),
    run_id VARCHAR(255),
    -- the state (JSON, opaque); NULL after a reset
    state TEXT,
    CONSTRAINT job_bookmarks_pk PRIMARY KEY (job_name, version),
    CONSTRAINT job_bookmarks_job_fk FOREIGN KEY (job_name) REFERENCES jobs (name) ON DELETE CASCADE
);
