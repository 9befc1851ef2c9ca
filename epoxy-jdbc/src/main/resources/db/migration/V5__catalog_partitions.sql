-- Partitions of catalog tables. Runs unchanged on H2 2.x and PostgreSQL 15 (see V1 for the rules).
-- Documents are VARCHAR, not TEXT: H2 keeps TEXT as a LOB out of the row, and GetPartitions reads
-- a thousand of them per page (VARCHAR without a length holds 1,000,000 characters on H2).
-- A partition belongs to its table's row (catalog_tables.id, see V4) and goes with it: DeleteTable and
-- DeleteDatabase cascade here through the foreign key, with no code of their own.
-- Append-only: change the schema with a new V<n>__*.sql, never by editing this file.

CREATE TABLE catalog_partitions (
    -- row order is creation order: GetPartitions pages and segments by it
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    table_key BIGINT NOT NULL,
    -- SHA-256 (hex) of the encoded values: the partition's identity within its table. Values may be
    -- too long together to index directly (1024 characters each).
    values_hash VARCHAR(64) NOT NULL,
    -- the values in key order, length-prefixed (StringCodec)
    partition_values VARCHAR NOT NULL,
    -- the whole Partition shape as the server answers it
    partition_json VARCHAR NOT NULL,
    created_on BIGINT NOT NULL,
    updated_on BIGINT NOT NULL,
    CONSTRAINT catalog_partitions_pk PRIMARY KEY (id),
    CONSTRAINT catalog_partitions_values_unique UNIQUE (table_key, values_hash),
    CONSTRAINT catalog_partitions_table_fk FOREIGN KEY (table_key) REFERENCES catalog_tables (id) ON DELETE CASCADE
);

CREATE INDEX catalog_partitions_by_table ON catalog_partitions (table_key, id);

-- One row per partition value, for GetPartitions' Expression in the database: value_text for string
-- comparisons and LIKE, value_number for typed ones (integers and decimals as themselves, dates as epoch
-- days, timestamps as epoch milliseconds; NULL when the text is not a value of the key's type).
-- table_key is repeated here so that a condition on one key is an index range within one table.
CREATE TABLE catalog_partition_values (
    partition_id BIGINT NOT NULL,
    key_index INTEGER NOT NULL,
    table_key BIGINT NOT NULL,
    value_text VARCHAR(1024) NOT NULL,
    value_number DECIMAL(38, 9),
    CONSTRAINT catalog_partition_values_pk PRIMARY KEY (partition_id, key_index),
    CONSTRAINT catalog_partition_values_partition_fk FOREIGN KEY (partition_id) REFERENCES catalog_partitions (id) ON DELETE CASCADE
);

CREATE INDEX catalog_partition_values_by_text ON catalog_partition_values (table_key, key_index, value_text);
CREATE INDEX catalog_partition_values_by_number ON catalog_partition_values (table_key, key_index, value_number);
