-- The Data Catalog: databases, tables and table versions. Runs unchanged on H2 2.x and PostgreSQL 15.
-- Append-only: change the schema with a new V<n>__*.sql, never by editing this file.
--
-- Conventions other catalog tables (partitions, V5) build on:
-- * Names are stored lower-case (the server lower-cases them, as Glue does) and compared exactly.
-- * Each entity's definition is the JSON document of its Glue shape (`Database`, `Table`) in `document`;
--   only the columns entities are looked up by are columns of their own.
-- * Every row has a surrogate key `id` (BIGINT identity, never reused). A table's partitions reference
--   `catalog_tables (id)` with ON DELETE CASCADE: DeleteTable removes the table row and the database
--   cascades, DeleteDatabase removes the database row and everything below follows.
-- * A table is found by (catalog_id, database_name, name), which is unique; `version_id` is its
--   current version (0 when created, +1 on every UpdateTable).

CREATE TABLE catalog_databases (
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    catalog_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    CONSTRAINT catalog_databases_pk PRIMARY KEY (id),
    CONSTRAINT catalog_databases_name_unique UNIQUE (catalog_id, name)
);

CREATE TABLE catalog_tables (
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    database_id BIGINT NOT NULL,
    catalog_id VARCHAR(255) NOT NULL,
    database_name VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    version_id BIGINT NOT NULL,
    document TEXT NOT NULL,
    CONSTRAINT catalog_tables_pk PRIMARY KEY (id),
    CONSTRAINT catalog_tables_name_unique UNIQUE (catalog_id, database_name, name),
    CONSTRAINT catalog_tables_database_fk FOREIGN KEY (database_id) REFERENCES catalog_databases (id) ON DELETE CASCADE
);

CREATE INDEX catalog_tables_database ON catalog_tables (database_id);

-- Every version of a table, the current one included (UpdateTable with SkipArchive replaces the
-- current version's row instead of keeping it).
CREATE TABLE catalog_table_versions (
    table_id BIGINT NOT NULL,
    version_id BIGINT NOT NULL,
    document TEXT NOT NULL,
    CONSTRAINT catalog_table_versions_pk PRIMARY KEY (table_id, version_id),
    CONSTRAINT catalog_table_versions_table_fk FOREIGN KEY (table_id) REFERENCES catalog_tables (id) ON DELETE CASCADE
);
