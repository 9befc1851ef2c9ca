"""JDBC through Glue connections, against a real PostgreSQL and a real MariaDB (Debian's packages, started here).

The seed's two "Using Glue Connections" cells run as written: `from_catalog` over `rds_catalog.customers` (a JDBC table of
the catalog whose connectionName is `my-rds-connection`) with hashfield/hashpartitions 4, and `from_options` with
`useConnectionProperties` + `connectionName`. The connection is created with `aws glue create-connection`. Each database's
own statement log shows how many queries a read sent; every row must come back exactly once. Expected values are computed
here from the generated rows, never by the code under test.
"""
import json
import random
import subprocess
import textwrap
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import boto3
import pytest

from .epoxy_server import CREDENTIALS, REGION, ROLE, EpoxyServer, required_aws_cli, wait_until
from .mariadb import MariaDbServer
from .orders import generate_orders
from .postgresql import PostgreSqlServer
from .sessions import create_session, run, run_ok, wait_ready

CUSTOMERS = 1000
REGIONS = ["us-east", "us-west", "eu-central", "ap-south"]
CONNECTION = "my-rds-connection"
GLUE_RUN_TIMEOUT = 240


def generate_customers(count: int, seed: int = 5) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    customers = []
    for customer_id in range(1, count + 1):
        seen = start + timedelta(seconds=rng.randint(0, 60_000_000), microseconds=rng.randint(0, 999_999))
        customers.append({
            "customer_id": customer_id,
            "name": f"customer {customer_id} {'x' * rng.randint(0, 9)}",
            "region": rng.choice(REGIONS),
            "credit_limit": (Decimal(rng.randint(0, 10_000_000)) / 100).quantize(Decimal("0.01")),
            "signup_date": date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500)),
            "last_seen": seen,
        })
    return customers


def insert_sql(table: str, rows: list[dict]) -> str:
    def literal(value):
        if isinstance(value, datetime):
            return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
        if isinstance(value, date):
            return f"DATE '{value.isoformat()}'"
        if isinstance(value, str):
            return "'" + value.replace("'", "''") + "'"
        return str(value)
    values = ",".join("(" + ",".join(literal(value) for value in row.values()) + ")" for row in rows)
    return f"INSERT INTO {table} ({','.join(rows[0])}) VALUES {values}"


class Database:
    """One real database as the tests see it: how to reach it as Epoxy's user and as its administrator."""

    def __init__(self, kind, server):
        self.kind = kind
        self.server = server
        self.url = server.jdbc_url
        self.user = "epoxy"
        self.password = server.password
        postgres = kind == "postgresql"
        self.connection_type = "postgresql" if postgres else "mysql"
        self.schema_table = "public.customers" if postgres else "customers"
        self.location = "epoxy.public.customers" if postgres else "epoxy.customers"
        self.hash_function = "hashtext" if postgres else "crc32"
        self.timestamp_type = "TIMESTAMP" if postgres else "DATETIME(6)"

    def execute(self, sql: str) -> str:
        if self.kind == "postgresql":
            return self.server.sql(sql)
        return self.server.sql(sql, database="epoxy")

    def rows(self, sql: str) -> list[list[str]]:
        return [line.split("|" if self.kind == "postgresql" else "\t") for line in self.execute(sql).splitlines() if line]

    def start_log(self):
        if self.kind == "postgresql":
            self.server.start_statement_log()
        else:
            self.server.start_query_log()

    def logged(self, containing: str) -> list[str]:
        if self.kind == "postgresql":
            return self.server.logged_statements(containing)
        return self.server.logged_queries(containing)

    def create_owned_table(self, name: str, ddl: str):
        self.execute(f"CREATE TABLE {name} ({ddl})")
        if self.kind == "postgresql":
            self.execute(f"ALTER TABLE {name} OWNER TO epoxy")


def load_customers(database: Database, customers: list[dict]):
    database.create_owned_table("customers", "customer_id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, region VARCHAR(20), "
                                f"credit_limit DECIMAL(10,2), signup_date DATE, last_seen {database.timestamp_type}")
    for start in range(0, len(customers), 500):
        database.execute(insert_sql("customers", customers[start:start + 500]))


@pytest.fixture(scope="module")
def customers():
    return generate_customers(CUSTOMERS)


@pytest.fixture(scope="module")
def postgres(customers):
    server = PostgreSqlServer().start()
    database = Database("postgresql", server)
    load_customers(database, customers)
    yield database
    server.stop()


@pytest.fixture(scope="module")
def mariadb(customers):
    server = MariaDbServer().start()
    database = Database("mariadb", server)
    load_customers(database, customers)
    yield database
    server.stop()


@pytest.fixture(scope="module")
def server():
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


@pytest.fixture(scope="module")
def glue(server):
    return server.glue()


@pytest.fixture(scope="module")
def s3(server):
    return boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)


def aws(server, *arguments):
    result = subprocess.run([required_aws_cli(), "--endpoint-url", server.endpoint, "--output", "json", "glue", *arguments],
                            capture_output=True, text=True, env=server.cli_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}


def connection_input(name, database: Database, password=None, url=None):
    return {"Name": name, "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": url or database.url, "USERNAME": database.user, "PASSWORD": password or database.password}}


def point_connection(server, glue, name, database: Database, **kwargs):
    """(Re)creates connection `name` for `database` with the AWS CLI, as a user would."""
    try:
        glue.delete_connection(ConnectionName=name)
    except glue.exceptions.EntityNotFoundException:
        pass
    aws(server, "create-connection", "--connection-input", json.dumps(connection_input(name, database, **kwargs)))


@pytest.fixture(scope="module")
def session(server, glue, postgres):
    point_connection(server, glue, CONNECTION, postgres)
    sid = create_session(glue, Connections={"Connections": [CONNECTION]})
    wait_ready(glue, sid)
    run_ok(glue, sid, """
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from pyspark.context import SparkContext
from pyspark.sql import functions as F
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
""")
    yield sid
    glue.stop_session(Id=sid)


@pytest.fixture(params=["postgresql", "mariadb"])
def database(request, server, glue, postgres, mariadb):
    """`my-rds-connection` and the catalog table `rds_catalog.customers` pointed at one of the two databases."""
    database = postgres if request.param == "postgresql" else mariadb
    point_connection(server, glue, CONNECTION, database)
    try:
        glue.create_database(DatabaseInput={"Name": "rds_catalog"})
    except glue.exceptions.AlreadyExistsException:
        pass
    try:
        glue.delete_table(DatabaseName="rds_catalog", Name="customers")
    except glue.exceptions.EntityNotFoundException:
        pass
    columns = [("customer_id", "int"), ("name", "string"), ("region", "string"), ("credit_limit", "decimal(10,2)"),
               ("signup_date", "date"), ("last_seen", "timestamp")]
    glue.create_table(DatabaseName="rds_catalog", TableInput={
        "Name": "customers", "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": database.connection_type, "connectionName": CONNECTION, "typeOfData": "table"},
        "StorageDescriptor": {"Columns": [{"Name": name, "Type": kind} for name, kind in columns], "Location": database.location}})
    return database


def data_queries(database: Database, containing: str) -> list[str]:
    """Logged queries over customers that contain `containing`, without Spark's schema probes (WHERE 1=0)."""
    return [query for query in database.logged(containing) if "customers" in query.lower() and "where 1=0" not in query.lower()]


def split_queries(database: Database, column: str = "customer_id") -> list[str]:
    """The queries of a split read: each selects the rows of one partition, by a condition on `column`."""
    return [query for query in data_queries(database, " where ") if "epoxy_bounds" not in query.lower()
            and column in query.lower().split(" where ", 1)[1]]


def where_clauses(queries: list[str]) -> set[str]:
    return {query.lower().split(" where ", 1)[1] for query in queries}


def test_seed_connection_cells_split_reads_into_hash_partitions_and_return_every_row_once(glue, session, database, customers):
    database.start_log()
    # The seed's first cell, as written.
    run_ok(glue, session, """
db_data = glueContext.create_dynamic_frame.from_catalog(
    database="rds_catalog",
    table_name="customers",
    additional_options={
        "hashfield": "customer_id",
        "hashpartitions": 4
    }
)
ids = [row.customer_id for row in db_data.toDF().select("customer_id").collect()]
""")
    ids = json.loads(run_ok(glue, session, "import json\nprint(json.dumps(ids))"))
    assert sorted(ids) == [customer["customer_id"] for customer in customers]
    queries = split_queries(database)
    assert len(queries) == 4, queries
    assert len(where_clauses(queries)) == 4, "four different partitions"
    # A whole-number hashfield is split into ranges of its values, after one query for their bounds.
    assert len(data_queries(database, "epoxy_bounds")) == 1

    # The seed's second cell: connection_type "mysql" as written for MariaDB (MySQL's family); PostgreSQL's own type there.
    database.start_log()
    run_ok(glue, session, f"""
jdbc_data = glueContext.create_dynamic_frame.from_options(
    connection_type="{database.connection_type}",
    connection_options={{
        "useConnectionProperties": True,
        "connectionName": "my-rds-connection",
        "dbtable": "{database.schema_table}",
        "hashfield": "customer_id"
    }}
)
rows = jdbc_data.toDF().collect()
""")
    rows = json.loads(run_ok(glue, session, """print(json.dumps([[r.customer_id, r.name, r.region, str(r.credit_limit),
    r.signup_date.isoformat(), r.last_seen.isoformat(sep=' ')] for r in rows]))"""))
    expected = [[c["customer_id"], c["name"], c["region"], str(c["credit_limit"]), c["signup_date"].isoformat(),
                 c["last_seen"].isoformat(sep=" ")] for c in customers]
    assert sorted(rows) == expected
    # No hashpartitions: Glue's default of 7 parallel queries.
    assert len(where_clauses(split_queries(database))) == 7

    # A hash field that is not a number is hashed by the database (any column type splits).
    database.start_log()
    regions = json.loads(run_ok(glue, session, f"""
frame = glueContext.create_dynamic_frame.from_options(connection_type="{database.connection_type}", connection_options={{
    "useConnectionProperties": True, "connectionName": "my-rds-connection", "dbtable": "{database.schema_table}",
    "hashfield": "region", "hashpartitions": 3}})
print(json.dumps([row.region for row in frame.toDF().collect()]))
"""))
    assert sorted(regions) == sorted(customer["region"] for customer in customers)
    hashed = split_queries(database, "region")
    assert len(hashed) == 3 and all(database.hash_function + "(" in query.lower() for query in hashed), hashed
    assert len(where_clauses(hashed)) == 3


def test_explicit_url_sample_query_hash_expression_and_filter_predicate(glue, session, server, postgres, customers):
    point_connection(server, glue, CONNECTION, postgres)  # the parametrised tests before this one may leave it on MariaDB
    postgres.start_log()
    out = run_ok(glue, session, f"""
frame = glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={{
    "url": "{postgres.url}", "user": "epoxy", "password": "{postgres.password}",
    "sampleQuery": "SELECT customer_id, region FROM public.customers WHERE",
    "enablePartitioningForSampleQuery": True, "hashexpression": "customer_id", "hashpartitions": 3,
    "filterPredicate": "region = 'us-east'"}})
print(sorted(r.customer_id for r in frame.toDF().collect()))
conf = glueContext.extract_jdbc_conf("my-rds-connection")
print(conf["user"], conf["fullUrl"] == "{postgres.url}", conf["vendor"])
""")
    lines = out.strip().splitlines()
    expected = sorted(c["customer_id"] for c in customers if c["region"] == "us-east")
    assert json.loads(lines[0]) == expected
    assert lines[1] == "epoxy True postgresql"
    partitioned = data_queries(postgres, "mod(customer_id, 3)")
    assert len(partitioned) == 3, partitioned


def test_orders_on_s3_joined_with_jdbc_customers_are_written_back_and_match(glue, session, server, s3, database, customers):
    orders = generate_orders(600, seed=17)
    bucket = "sales-lake"
    try:
        s3.create_bucket(Bucket=bucket)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket=bucket, Key=f"jdbc-orders-{database.kind}/part-0.json",
                  Body="\n".join(json.dumps(order) for order in orders).encode())
    table = f"region_revenue_{uuid.uuid4().hex[:6]}"
    run_ok(glue, session, f"""
orders = glueContext.create_dynamic_frame.from_options("s3", {{"paths": ["s3://{bucket}/jdbc-orders-{database.kind}/"]}}, format="json")
customers = glueContext.create_dynamic_frame.from_catalog(database="rds_catalog", table_name="customers")
o = orders.toDF().selectExpr("cast(customer_id as int) customer_id", "cast(total_amount as decimal(10,2)) amount",
                             "cast(order_date as date) order_date")
joined = o.join(customers.toDF().select("customer_id", "region"), "customer_id")
out = joined.groupBy("region").agg(F.count("*").alias("order_count"), F.sum("amount").cast("decimal(12,2)").alias("revenue"),
                                   F.min("order_date").alias("first_order"))
glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(out, glueContext, "out"),
    catalog_connection="my-rds-connection", connection_options={{"dbtable": "{table}", "database": "epoxy"}})
""")
    region_of = {c["customer_id"]: c["region"] for c in customers}
    expected = {}
    for order in orders:
        region = region_of[int(order["customer_id"])]
        count, revenue, first = expected.get(region, (0, Decimal("0"), "9999"))
        expected[region] = (count + 1, revenue + Decimal(order["total_amount"]), min(first, order["order_date"]))
    written = {row[0]: (int(row[1]), Decimal(row[2]), row[3]) for row in
               database.rows(f"SELECT region, order_count, revenue, first_order FROM {table}")}
    assert written == expected
    types = {row[0].lower(): row[1].lower() for row in database.rows(
        f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}'")}
    assert types["revenue"] in {"numeric", "decimal"} and types["first_order"] == "date"


def test_faults_name_the_connection_and_never_show_the_password(glue, session, server, postgres):
    point_connection(server, glue, CONNECTION, postgres)
    wrong = "wrong-" + uuid.uuid4().hex
    point_connection(server, glue, "bad-password", postgres, password=wrong)
    statement = run(glue, session, """
glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
    "useConnectionProperties": True, "connectionName": "bad-password", "dbtable": "public.customers"}).count()
""")
    output = statement["Output"]
    assert output["Status"] == "error"
    text = json.dumps(output)
    assert "authentication failed" in text and "connection bad-password" in text
    assert wrong not in text and postgres.password not in text
    processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert wrong not in processes and postgres.password not in processes
    # The connection's password was only ever sealed: no file of the server's home, logs and database included, holds it.
    # (The right password is in statement code of another test, which the store keeps as history.)
    for path in server.home.rglob("*"):
        if path.is_file() and path.name != "connections.keys" and path.stat().st_size < 50_000_000:
            assert wrong.encode() not in path.read_bytes(), f"the password is in {path}"

    # A closed port on loopback (refused at once) and a host that never answers (bounded by the connect timeout).
    for url in ["jdbc:postgresql://127.0.0.1:1/epoxy", "jdbc:postgresql://10.255.255.1:5432/epoxy"]:
        statement = run(glue, session, f"""
glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={{
    "url": "{url}", "user": "epoxy", "password": "x", "dbtable": "public.customers"}}).count()
""", timeout=60)
        assert statement["Output"]["Status"] == "error"
        assert "cannot connect to the database of JDBC URL" in statement["Output"]["ErrorValue"], statement["Output"]

    statement = run(glue, session, """
glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
    "useConnectionProperties": True, "connectionName": "my-rds-connection", "dbtable": "public.customers",
    "hashfield": "no_such_column", "hashpartitions": 4}).count()
""")
    assert statement["Output"]["Status"] == "error"
    assert "hashfield no_such_column is not a column" in statement["Output"]["ErrorValue"]


def test_a_write_violating_a_constraint_fails_the_statement(glue, session, server, postgres):
    point_connection(server, glue, CONNECTION, postgres)
    postgres.create_owned_table("unique_codes", "code INT PRIMARY KEY")
    statement = run(glue, session, """
frame = DynamicFrame.fromDF(spark.createDataFrame([(1,), (2,), (2,)], "code int").coalesce(1), glueContext, "codes")
glueContext.write_dynamic_frame.from_jdbc_conf(frame=frame, catalog_connection="my-rds-connection",
    connection_options={"dbtable": "unique_codes", "database": "epoxy"})
print("written")
""")
    output = statement["Output"]
    assert output["Status"] == "error", output
    assert "written" not in json.dumps(output)
    assert "unique_codes" in output["ErrorValue"] and "duplicate key" in output["ErrorValue"]
    # One partition, one transaction: the failed batch left nothing behind.
    assert postgres.rows("SELECT count(*) FROM unique_codes") == [["0"]]


BOOKMARKED_SCRIPT = '''
import sys
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_no"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
events = glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
    "useConnectionProperties": True, "connectionName": "events-db", "dbtable": "public.events",
    "jobBookmarkKeys": ["event_id"], "jobBookmarkKeysSortOrder": "asc"}, transformation_ctx="events")
out = events.toDF().select("event_id").withColumn("run_no", F.lit(int(args["run_no"])))
glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(out, glueContext, "out"), catalog_connection="events-db",
    connection_options={"dbtable": "processed", "database": "epoxy"})
# No jobBookmarkKeys: Glue bookmarks on the primary key (here a compound one, and a table named without its schema).
lines = glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
    "useConnectionProperties": True, "connectionName": "events-db", "dbtable": "order_lines"}, transformation_ctx="lines")
out = lines.toDF().select("batch", "seq").withColumn("run_no", F.lit(int(args["run_no"])))
glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(out, glueContext, "out"), catalog_connection="events-db",
    connection_options={"dbtable": "processed_lines", "database": "epoxy"})
# No keys and no primary key: nothing to bookmark on, so the table is read whole every run.
notes = glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
    "useConnectionProperties": True, "connectionName": "events-db", "dbtable": "public.notes"}, transformation_ctx="notes")
out = notes.toDF().select("note").withColumn("run_no", F.lit(int(args["run_no"])))
glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(out, glueContext, "out"), catalog_connection="events-db",
    connection_options={"dbtable": "processed_notes", "database": "epoxy"})
job.commit()
'''


def test_a_bookmarked_jdbc_job_processes_only_rows_added_since_its_last_run(glue, server, s3, postgres):
    postgres.create_owned_table("events", "event_id INT PRIMARY KEY, payload VARCHAR(20)")
    postgres.execute("INSERT INTO events SELECT g, 'e' || g FROM generate_series(1, 250) g")
    postgres.create_owned_table("order_lines", "batch INT, seq INT, item VARCHAR(20), PRIMARY KEY (batch, seq)")
    postgres.execute("INSERT INTO order_lines SELECT b, s, 'i' || s FROM generate_series(1, 3) b, generate_series(1, 50) s")
    postgres.create_owned_table("notes", "note VARCHAR(20)")
    postgres.execute("INSERT INTO notes SELECT 'n' || g FROM generate_series(1, 30) g")
    point_connection(server, glue, "events-db", postgres)
    try:
        s3.create_bucket(Bucket="job-scripts")
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket="job-scripts", Key="jdbc/bookmarked.py", Body=BOOKMARKED_SCRIPT.encode())
    job = f"jdbc-bookmarked-{uuid.uuid4().hex[:6]}"
    glue.create_job(Name=job, Role=ROLE, Command={"Name": "glueetl", "ScriptLocation": "s3://job-scripts/jdbc/bookmarked.py"},
                    Connections={"Connections": ["events-db"]}, GlueVersion="5.0",
                    DefaultArguments={"--job-bookmark-option": "job-bookmark-enable"})

    def run_job(run_no):
        run_id = glue.start_job_run(JobName=job, Arguments={"--run_no": str(run_no)})["JobRunId"]
        finished = wait_until(lambda: (lambda r: r if r["JobRunState"] in {"SUCCEEDED", "FAILED", "ERROR", "TIMEOUT", "STOPPED"} else None)(
            glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]), timeout=GLUE_RUN_TIMEOUT, interval=0.5, message=f"run {run_no}")
        assert finished["JobRunState"] == "SUCCEEDED", finished.get("ErrorMessage")

    run_job(1)
    postgres.execute("INSERT INTO events SELECT g, 'e' || g FROM generate_series(251, 320) g")
    postgres.execute("INSERT INTO order_lines SELECT 4, s, 'i' || s FROM generate_series(1, 40) s")
    postgres.execute("INSERT INTO notes SELECT 'n' || g FROM generate_series(31, 35) g")
    run_job(2)
    run_job(3)  # nothing new
    processed = {int(run_no): (int(count), int(low), int(high)) for run_no, count, low, high in
                 postgres.rows("SELECT run_no, count(*), min(event_id), max(event_id) FROM processed GROUP BY run_no")}
    assert processed == {1: (250, 1, 250), 2: (70, 251, 320)}
    assert postgres.rows("SELECT count(*), count(DISTINCT event_id) FROM processed") == [["320", "320"]]
    lines = {int(run_no): (int(count), int(low), int(high)) for run_no, count, low, high in
             postgres.rows("SELECT run_no, count(*), min(batch), max(batch) FROM processed_lines GROUP BY run_no")}
    assert lines == {1: (3 * 50, 1, 3), 2: (40, 4, 4)}
    assert postgres.rows("SELECT count(*) FROM (SELECT DISTINCT batch, seq FROM processed_lines) d") == [[str(3 * 50 + 40)]]
    notes = {int(run_no): int(count) for run_no, count in postgres.rows("SELECT run_no, count(*) FROM processed_notes GROUP BY run_no")}
    assert notes == {1: 30, 2: 35, 3: 35}


MARIADB_BOOKMARKED_SCRIPT = '''
import sys
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_no"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
# No jobBookmarkKeys: the compound primary key, found in MariaDB's metadata (its databases are JDBC catalogs).
lines = glueContext.create_dynamic_frame.from_options(connection_type="mysql", connection_options={
    "useConnectionProperties": True, "connectionName": "lines-db", "dbtable": "maria_lines"}, transformation_ctx="lines")
out = lines.toDF().select("batch", "seq").withColumn("run_no", F.lit(int(args["run_no"])))
glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(out, glueContext, "out"), catalog_connection="lines-db",
    connection_options={"dbtable": "maria_processed_lines", "database": "epoxy"})
job.commit()
'''


def test_a_bookmarked_mariadb_source_without_keys_bookmarks_on_its_primary_key(glue, server, s3, mariadb):
    def lines(batches, per_batch):
        return [{"batch": batch, "seq": seq, "item": f"i{seq}"} for batch in batches for seq in range(1, per_batch + 1)]

    mariadb.create_owned_table("maria_lines", "batch INT, seq INT, item VARCHAR(20), PRIMARY KEY (batch, seq)")
    mariadb.execute(insert_sql("maria_lines", lines(range(1, 4), 20)))
    point_connection(server, glue, "lines-db", mariadb)
    try:
        s3.create_bucket(Bucket="job-scripts")
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket="job-scripts", Key="jdbc/mariadb-bookmarked.py", Body=MARIADB_BOOKMARKED_SCRIPT.encode())
    job = f"mariadb-bookmarked-{uuid.uuid4().hex[:6]}"
    glue.create_job(Name=job, Role=ROLE, Command={"Name": "glueetl", "ScriptLocation": "s3://job-scripts/jdbc/mariadb-bookmarked.py"},
                    Connections={"Connections": ["lines-db"]}, GlueVersion="5.0",
                    DefaultArguments={"--job-bookmark-option": "job-bookmark-enable"})

    def run_job(run_no):
        run_id = glue.start_job_run(JobName=job, Arguments={"--run_no": str(run_no)})["JobRunId"]
        finished = wait_until(lambda: (lambda r: r if r["JobRunState"] in {"SUCCEEDED", "FAILED", "ERROR", "TIMEOUT", "STOPPED"} else None)(
            glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]), timeout=GLUE_RUN_TIMEOUT, interval=0.5, message=f"run {run_no}")
        assert finished["JobRunState"] == "SUCCEEDED", finished.get("ErrorMessage")

    run_job(1)
    mariadb.execute(insert_sql("maria_lines", lines([4], 15)))
    run_job(2)
    processed = {int(run_no): (int(count), int(low), int(high)) for run_no, count, low, high in
                 mariadb.rows("SELECT run_no, count(*), min(batch), max(batch) FROM maria_processed_lines GROUP BY run_no")}
    assert processed == {1: (3 * 20, 1, 3), 2: (15, 4, 4)}
    assert mariadb.rows("SELECT count(*) FROM (SELECT DISTINCT batch, seq FROM maria_processed_lines) d") == [[str(3 * 20 + 15)]]
