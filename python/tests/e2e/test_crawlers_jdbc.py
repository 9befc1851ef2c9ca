"""Crawlers over JdbcTargets, end to end: a real PostgreSQL and a real MariaDB (Debian's packages, started here), a
real server, real crawl processes (Spark), boto3.

The tables are created here with DDL built from column lists that also say, in Glue's words, the catalog type each
column must get; names, locations and parameters are spelled out from Glue's documented rules, never taken from the
code under test. Every wait polls with a deadline.
"""
import json
import uuid

import boto3
import pytest

from .epoxy_server import CREDENTIALS, REGION, free_port, wait_until
from .mariadb import MariaDbServer
from .postgresql import PostgreSqlServer
from .sessions import create_session, run_ok, wait_ready

ROLE = "arn:aws:iam::123456789012:role/GlueCrawlerRole"
# A crawl is a Spark application of its own: 10-30 s to start on a loaded machine.
CRAWL_TIMEOUT = 240

# (column, PostgreSQL type, the catalog type Glue's JDBC crawler gives it)
POSTGRES_ORDERS = [
    ("order_id", "INTEGER PRIMARY KEY", "int"),
    ("customer", "VARCHAR(40) NOT NULL", "string"),
    ("total", "NUMERIC(10,2)", "decimal(10,2)"),
    ("placed_on", "DATE", "date"),
    ("placed_at", "TIMESTAMP", "timestamp"),
    ("paid", "BOOLEAN", "boolean"),
    ("weight", "REAL", "float"),
    ("score", "DOUBLE PRECISION", "double"),
    ("note", "TEXT", "string"),
    ("code", "CHAR(3)", "string"),
    ("big", "BIGINT", "bigint"),
    ("small", "SMALLINT", "smallint"),
    ("payload", "BYTEA", "binary"),
]
POSTGRES_CUSTOMERS = [("customer_id", "INT", "int"), ("name", "TEXT", "string")]
POSTGRES_REFUNDS = [("refund_id", "BIGINT", "bigint"), ("amount", "NUMERIC(8,3)", "decimal(8,3)")]

MARIADB_PRODUCTS = [
    ("id", "INT PRIMARY KEY", "int"),
    ("sku", "VARCHAR(20)", "string"),
    ("price", "DECIMAL(8,3)", "decimal(8,3)"),
    ("qty", "SMALLINT", "smallint"),
    ("stock", "BIGINT", "bigint"),
    ("views", "INT UNSIGNED", "bigint"),
    ("ratio", "FLOAT", "float"),
    ("weight", "DOUBLE", "double"),
    ("added", "DATE", "date"),
    ("updated", "DATETIME", "timestamp"),
    ("description", "TEXT", "string"),
    ("image", "BLOB", "binary"),
]
MARIADB_SUPPLIERS = [("supplier_id", "INT", "int"), ("country", "CHAR(2)", "string")]
MARIADB_WAREHOUSES = [("warehouse_id", "INT", "int"), ("city", "VARCHAR(30)", "string")]

ORDER_ROWS = [(1, "ada", "12.50"), (2, "grace", "250.00"), (3, "linus", "99.99")]


def unique(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def ddl(columns):
    return ", ".join(f"{name} {sql_type}" for name, sql_type, _ in columns)


def catalog_columns(columns):
    return [{"Name": name, "Type": glue_type} for name, _, glue_type in columns]


@pytest.fixture(scope="module")
def postgres():
    server = PostgreSqlServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mariadb():
    server = MariaDbServer().start()
    yield server
    server.stop()


def pg_table(postgres, name, columns):
    postgres.sql(f"CREATE TABLE {name} ({ddl(columns)})")
    postgres.sql(f"ALTER TABLE {name} OWNER TO epoxy")


@pytest.fixture(scope="module")
def s3(server):
    return boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)


def create_connection(glue, name, url, password):
    glue.create_connection(ConnectionInput={"Name": name, "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": url, "USERNAME": "epoxy", "PASSWORD": password}})


def create_database(glue):
    name = unique("crawled_jdbc")
    glue.create_database(DatabaseInput={"Name": name})
    return name


def crawl(glue, name):
    """Starts a crawl and waits, with a deadline, for the crawler to be READY with a LastCrawl; returns it."""
    glue.start_crawler(Name=name)
    def ended():
        crawler = glue.get_crawler(Name=name)["Crawler"]
        return crawler if crawler["State"] == "READY" and "LastCrawl" in crawler else None
    return wait_until(ended, timeout=CRAWL_TIMEOUT, interval=0.5, message=f"crawler {name} to finish")["LastCrawl"]


def crawl_ok(glue, name):
    last = crawl(glue, name)
    assert last["Status"] == "SUCCEEDED", last
    return last


def tables_of(glue, database):
    return {table["Name"]: table for table in glue.get_tables(DatabaseName=database)["TableList"]}


def metrics_of(glue, crawler):
    metrics = glue.get_crawler_metrics(CrawlerNameList=[crawler])["CrawlerMetricsList"][0]
    return metrics["TablesCreated"], metrics["TablesUpdated"], metrics["TablesDeleted"]


def assert_jdbc_table(table, columns, classification, connection, location, type_of_data="table"):
    assert table["StorageDescriptor"]["Columns"] == catalog_columns(columns), table["Name"]
    assert table["StorageDescriptor"]["Location"] == location
    assert table["Parameters"]["classification"] == classification
    assert table["Parameters"]["connectionName"] == connection
    assert table["Parameters"]["typeOfData"] == type_of_data
    assert table.get("PartitionKeys", []) == []


def test_postgresql_tables_and_views_are_crawled_updated_and_deleted_and_read_through_the_runtime(server, glue, postgres):
    pg_table(postgres, "orders", POSTGRES_ORDERS)
    pg_table(postgres, "customers", POSTGRES_CUSTOMERS)
    pg_table(postgres, "tmp_scratch", [("id", "INT", "int")])
    postgres.sql("CREATE VIEW big_orders AS SELECT order_id, total FROM orders WHERE total > 100")
    postgres.sql("ALTER VIEW big_orders OWNER TO epoxy")
    # Outside the include path: another schema.
    postgres.sql("CREATE SCHEMA sales AUTHORIZATION epoxy")
    pg_table(postgres, "sales.regions", [("region", "TEXT", "string")])
    postgres.sql("INSERT INTO orders (order_id, customer, total) VALUES "
                 + ", ".join(f"({order_id}, '{customer}', {total})" for order_id, customer, total in ORDER_ROWS))

    connection = unique("pg")
    create_connection(glue, connection, postgres.jdbc_url, postgres.password)
    database = create_database(glue)
    crawler = unique("pg_crawler")
    glue.create_crawler(Name=crawler, Role=ROLE, DatabaseName=database, TablePrefix="pg_",
                        Targets={"JdbcTargets": [{"ConnectionName": connection, "Path": "epoxy/public/%", "Exclusions": ["tmp_*"]}]},
                        SchemaChangePolicy={"UpdateBehavior": "UPDATE_IN_DATABASE", "DeleteBehavior": "DELETE_FROM_DATABASE"})
    crawl_ok(glue, crawler)

    # Glue's names: TablePrefix + database_schema_table; locations database.schema.table.
    tables = tables_of(glue, database)
    assert sorted(tables) == ["pg_epoxy_public_big_orders", "pg_epoxy_public_customers", "pg_epoxy_public_orders"]
    assert_jdbc_table(tables["pg_epoxy_public_orders"], POSTGRES_ORDERS, "postgresql", connection, "epoxy.public.orders")
    assert_jdbc_table(tables["pg_epoxy_public_customers"], POSTGRES_CUSTOMERS, "postgresql", connection, "epoxy.public.customers")
    assert_jdbc_table(tables["pg_epoxy_public_big_orders"], [("order_id", "", "int"), ("total", "", "decimal(10,2)")],
                      "postgresql", connection, "epoxy.public.big_orders", type_of_data="view")
    assert tables["pg_epoxy_public_orders"]["Parameters"]["UPDATED_BY_CRAWLER"] == crawler
    assert metrics_of(glue, crawler) == (3, 0, 0)

    # A crawled table reads through the runtime, by its catalog name alone.
    sid = create_session(glue, Connections={"Connections": [connection]})
    try:
        wait_ready(glue, sid)
        rows = run_ok(glue, sid, f"""
import json
from awsglue.context import GlueContext
from pyspark.context import SparkContext
glueContext = GlueContext(SparkContext.getOrCreate())
frame = glueContext.create_dynamic_frame.from_catalog(database="{database}", table_name="pg_epoxy_public_orders")
print(json.dumps(sorted([r.order_id, r.customer, str(r.total)] for r in frame.toDF().collect())))
""", timeout=CRAWL_TIMEOUT)
        assert json.loads(rows) == [[order_id, customer, total] for order_id, customer, total in ORDER_ROWS]
    finally:
        glue.stop_session(Id=sid)

    # A column and a table arrive, a table goes: the next crawl updates, creates and deletes exactly those.
    postgres.sql("ALTER TABLE orders ADD COLUMN discount NUMERIC(5,2)")
    pg_table(postgres, "refunds", POSTGRES_REFUNDS)
    postgres.sql("DROP TABLE customers")
    crawl_ok(glue, crawler)
    tables = tables_of(glue, database)
    assert sorted(tables) == ["pg_epoxy_public_big_orders", "pg_epoxy_public_orders", "pg_epoxy_public_refunds"]
    assert_jdbc_table(tables["pg_epoxy_public_orders"], POSTGRES_ORDERS + [("discount", "", "decimal(5,2)")], "postgresql", connection,
                      "epoxy.public.orders")
    assert_jdbc_table(tables["pg_epoxy_public_refunds"], POSTGRES_REFUNDS, "postgresql", connection, "epoxy.public.refunds")
    assert metrics_of(glue, crawler) == (1, 1, 1)

    # Nothing changed: nothing is written.
    crawl_ok(glue, crawler)
    assert metrics_of(glue, crawler) == (0, 0, 0)


def test_a_crawler_with_mariadb_and_s3_targets_crawls_both_and_logs_or_deprecates(server, glue, mariadb, s3):
    mariadb.sql(f"CREATE TABLE products ({ddl(MARIADB_PRODUCTS)})", f"CREATE TABLE suppliers ({ddl(MARIADB_SUPPLIERS)})",
                "CREATE TABLE tmp_load (id INT)", "CREATE VIEW cheap_products AS SELECT id, price FROM products WHERE price < 10",
                database="epoxy")
    bucket = f"crawl-jdbc-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="events/part-0.json", Body=b'{"event_id": 1, "kind": "view"}\n{"event_id": 2, "kind": "buy"}\n')

    connection = unique("maria")
    create_connection(glue, connection, mariadb.jdbc_url, mariadb.password)
    database = create_database(glue)
    crawler = unique("maria_crawler")
    glue.create_crawler(Name=crawler, Role=ROLE, DatabaseName=database,
                        Targets={"JdbcTargets": [{"ConnectionName": connection, "Path": "epoxy/%", "Exclusions": ["tmp_*"]}],
                                 "S3Targets": [{"Path": f"s3://{bucket}/events/"}]},
                        SchemaChangePolicy={"UpdateBehavior": "LOG", "DeleteBehavior": "DEPRECATE_IN_DATABASE"})
    crawl_ok(glue, crawler)

    # MariaDB is MySQL's family on Glue: classification mysql, names database_table, locations database.table.
    tables = tables_of(glue, database)
    assert sorted(tables) == ["epoxy_cheap_products", "epoxy_products", "epoxy_suppliers", "events"]
    assert_jdbc_table(tables["epoxy_products"], MARIADB_PRODUCTS, "mysql", connection, "epoxy.products")
    assert_jdbc_table(tables["epoxy_suppliers"], MARIADB_SUPPLIERS, "mysql", connection, "epoxy.suppliers")
    assert_jdbc_table(tables["epoxy_cheap_products"], [("id", "", "int"), ("price", "", "decimal(8,3)")], "mysql", connection,
                      "epoxy.cheap_products", type_of_data="view")
    assert tables["events"]["Parameters"]["classification"] == "json"
    assert tables["events"]["StorageDescriptor"]["Location"] == f"s3://{bucket}/events/"
    assert metrics_of(glue, crawler) == (4, 0, 0)

    mariadb.sql("ALTER TABLE products ADD COLUMN color VARCHAR(10)", f"CREATE TABLE warehouses ({ddl(MARIADB_WAREHOUSES)})",
                "DROP TABLE suppliers", database="epoxy")
    crawl_ok(glue, crawler)
    tables = tables_of(glue, database)
    assert sorted(tables) == ["epoxy_cheap_products", "epoxy_products", "epoxy_suppliers", "epoxy_warehouses", "events"]
    # UpdateBehavior LOG: the new column is logged, not written.
    assert_jdbc_table(tables["epoxy_products"], MARIADB_PRODUCTS, "mysql", connection, "epoxy.products")
    assert_jdbc_table(tables["epoxy_warehouses"], MARIADB_WAREHOUSES, "mysql", connection, "epoxy.warehouses")
    # DEPRECATE_IN_DATABASE: the dropped table stays, marked.
    assert tables["epoxy_suppliers"]["Parameters"]["DEPRECATED_BY_CRAWLER"] == crawler
    assert "DEPRECATED_BY_CRAWLER" not in tables["epoxy_products"]["Parameters"]
    assert metrics_of(glue, crawler) == (1, 0, 1)


def test_crawls_that_cannot_reach_their_database_fail_naming_the_connection_and_change_nothing(glue, postgres):
    wrong = unique("pg_wrong_password")
    wrong_password = "not-" + postgres.password
    create_connection(glue, wrong, postgres.jdbc_url, wrong_password)
    unreachable = unique("pg_unreachable")
    create_connection(glue, unreachable, f"jdbc:postgresql://127.0.0.1:{free_port()}/epoxy", postgres.password)
    missing = unique("no_such_connection")

    database = create_database(glue)
    crawlers = {}
    for connection in (wrong, unreachable, missing):
        name = unique("failing")
        glue.create_crawler(Name=name, Role=ROLE, DatabaseName=database,
                            Targets={"JdbcTargets": [{"ConnectionName": connection, "Path": "epoxy/public/%"}]})
        crawlers[connection] = name

    last = crawl(glue, crawlers[wrong])
    assert last["Status"] == "FAILED", last
    assert last["ErrorMessage"].startswith(f"Cannot connect to the database of connection {wrong} (jdbc:postgresql://127.0.0.1:"), last
    assert "password authentication failed" in last["ErrorMessage"], last
    assert wrong_password not in last["ErrorMessage"] and postgres.password not in last["ErrorMessage"]

    last = crawl(glue, crawlers[unreachable])
    assert last["Status"] == "FAILED", last
    assert last["ErrorMessage"].startswith(f"Cannot connect to the database of connection {unreachable} "), last
    assert postgres.password not in last["ErrorMessage"]

    last = crawl(glue, crawlers[missing])
    assert last["Status"] == "FAILED", last
    assert last["ErrorMessage"] == (f"Connection {missing} not found: a JdbcTarget names the Glue connection to crawl through; "
                                    "create it with CreateConnection")

    assert glue.get_tables(DatabaseName=database)["TableList"] == []
