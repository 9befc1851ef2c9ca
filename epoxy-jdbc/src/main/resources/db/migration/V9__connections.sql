-- Glue connections (issue 9). The document is Glue's Connection shape as JSON without its secret; the PASSWORD is
-- kept apart, sealed with the server's keyring (a key file outside this database), so a copy of the database alone
-- reveals no password.
CREATE TABLE connections (
    name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    sealed_password TEXT,
    creation_time BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    CONSTRAINT connections_pk PRIMARY KEY (name)
);
