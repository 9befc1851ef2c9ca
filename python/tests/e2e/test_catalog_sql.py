"""Spark SQL over the Glue Data Catalog, in sessions created with --enable-glue-datacatalog.

Every statement runs in a real session driver through RunStatement; what it does to the catalog is
checked with boto3 (GetDatabase, GetTable, GetPartitions), and tables made with boto3 are queried
with SQL at once. Expected rows are computed here from the data the test writes.
"""
import json
import uuid

import pytest
from botocore.exceptions import ClientError

from .sessions import create_session, run, run_ok, wait_ready

CATALOG_ARGUMENTS = {"--enable-glue-datacatalog": "true"}
ROWS_MARKER = "ROWS:"


def sql_rows(glue, session_id, query):
    """The rows of a spark.sql query as dicts, through a statement."""
    text = run_ok(glue, session_id, f"""
import json as _json
_rows = [r.asDict() for r in spark.sql({query!r}).collect()]
print({ROWS_MARKER!r} + _json.dumps(_rows, default=str))
""")
    line = [line for line in text.splitlines() if line.startswith(ROWS_MARKER)][-1]
    return json.loads(line[len(ROWS_MARKER):])


def sql_error(glue, session_id, query):
    statement = run(glue, session_id, f"spark.sql({query!r}).collect()")
    output = statement["Output"]
    assert output["Status"] == "error", f"expected {query!r} to fail, got {output}"
    return f"{output.get('ErrorName')}: {output.get('ErrorValue')}"


def partition_values(glue, database, table):
    pages = glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=table)
    return sorted(tuple(p["Values"]) for page in pages for p in page["Partitions"])


@pytest.fixture(scope="module")
def catalog_session(glue):
    sid = create_session(glue, DefaultArguments=CATALOG_ARGUMENTS)
    wait_ready(glue, sid)
    yield sid
    glue.stop_session(Id=sid)


@pytest.fixture
def names():
    suffix = uuid.uuid4().hex[:8]
    return {"db": f"sql_db_{suffix}", "bucket": f"sql-{suffix}"}


def orders(count=40):
    """Orders over two years and two months, as the seed's raw_orders table holds them."""
    return [{"order_id": f"o-{i:04d}", "amount": i * 3 + 1, "year": str(2025 + i % 2), "month": f"{1 + (i // 2) % 2:02d}"}
            for i in range(count)]


def create_raw_orders_with_boto3(glue, server, session_id, db, bucket):
    """A parquet table partitioned by year/month registered with boto3 over files a session writes."""
    location = f"s3://{bucket}/raw_orders"
    run_ok(glue, session_id, f"""
rows = {orders()!r}
spark.createDataFrame(rows, "order_id string, amount long, year string, month string") \\
    .write.partitionBy("year", "month").parquet({location!r})
""")
    glue.create_database(DatabaseInput={"Name": db, "LocationUri": f"s3://{bucket}/"})
    columns = [{"Name": "order_id", "Type": "string"}, {"Name": "amount", "Type": "bigint"}]
    storage = {
        "Columns": columns, "Location": location,
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"},
    }
    glue.create_table(DatabaseName=db, TableInput={
        "Name": "raw_orders", "TableType": "EXTERNAL_TABLE", "Parameters": {"classification": "parquet"},
        "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}],
        "StorageDescriptor": storage,
    })
    keys = sorted({(row["year"], row["month"]) for row in orders()})
    glue.batch_create_partition(DatabaseName=db, TableName="raw_orders", PartitionInputList=[
        {"Values": [year, month], "StorageDescriptor": dict(storage, Location=f"{location}/year={year}/month={month}")}
        for year, month in keys])
    return server.home / "s3" / bucket / "raw_orders"


def test_boto3_table_is_queried_with_partition_pruning(glue, server, catalog_session, names):
    db = names["db"]
    local = create_raw_orders_with_boto3(glue, server, catalog_session, db, names["bucket"])
    # The 2025 partitions' files become garbage: a query that opened any of them would fail.
    for path in (local / "year=2025").rglob("*.parquet"):
        path.write_bytes(b"not a parquet file")

    rows = sql_rows(glue, catalog_session,
                    f"SELECT order_id, amount, year, month FROM {db}.raw_orders WHERE year = '2026' ORDER BY order_id")

    expected = sorted((o for o in orders() if o["year"] == "2026"), key=lambda o: o["order_id"])
    assert rows == expected
    plan = run_ok(glue, catalog_session, f"spark.sql(\"SELECT * FROM {db}.raw_orders WHERE year = '2026'\").explain()")
    assert "PartitionFilters: [isnotnull(year#" in plan and "(year#" in plan and "= 2026)]" in plan, plan
    files = sql_rows(glue, catalog_session,
                     f"SELECT DISTINCT input_file_name() AS f FROM {db}.raw_orders WHERE year = '2026'")
    assert files and all("/year=2026/" in row["f"] for row in files)
    # Without the partition filter the garbage is read: the pruning above is what kept the query alive.
    assert "Parquet" in sql_error(glue, catalog_session, f"SELECT count(*) FROM {db}.raw_orders")


def test_show_and_describe_match_the_catalog(glue, server, catalog_session, names):
    db = names["db"]
    create_raw_orders_with_boto3(glue, server, catalog_session, db, names["bucket"])

    databases = [row["namespace"] for row in sql_rows(glue, catalog_session, "SHOW DATABASES")]
    assert db in databases
    assert set(databases) == {d["Name"] for page in glue.get_paginator("get_databases").paginate() for d in page["DatabaseList"]}
    tables = sql_rows(glue, catalog_session, f"SHOW TABLES IN {db}")
    assert [(row["namespace"], row["tableName"]) for row in tables] == [(db, "raw_orders")]

    described = sql_rows(glue, catalog_session, f"DESCRIBE {db}.raw_orders")
    table = glue.get_table(DatabaseName=db, Name="raw_orders")["Table"]
    glue_columns = [(c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"] + table["PartitionKeys"]]
    assert [(r["col_name"], r["data_type"]) for r in described[:len(glue_columns)]] == glue_columns
    extended = {r["col_name"]: r["data_type"] for r in sql_rows(glue, catalog_session, f"DESCRIBE EXTENDED {db}.raw_orders")}
    assert extended["Location"] == table["StorageDescriptor"]["Location"]
    assert extended["Provider"] == "parquet"

    shown = [row["partition"] for row in sql_rows(glue, catalog_session, f"SHOW PARTITIONS {db}.raw_orders")]
    assert sorted(shown) == [f"year={y}/month={m}" for y, m in partition_values(glue, db, "raw_orders")]


def test_create_database_ctas_insert_and_drop_reach_glue(glue, server, catalog_session, names):
    db, bucket = names["db"], names["bucket"]
    sql_rows(glue, catalog_session, f"CREATE DATABASE {db} LOCATION 's3://{bucket}/warehouse'")
    assert glue.get_database(Name=db)["Database"]["LocationUri"].endswith(f"{bucket}/warehouse")

    sql_rows(glue, catalog_session, f"""
        CREATE TABLE {db}.sales USING json PARTITIONED BY (year) AS
        SELECT CAST(id AS INT) AS id, CAST(id * 10 AS BIGINT) AS amount, CAST(2020 + id % 3 AS STRING) AS year FROM range(9)""")
    table = glue.get_table(DatabaseName=db, Name="sales")["Table"]
    assert [(c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"]] == [("id", "int"), ("amount", "bigint")]
    assert [(c["Name"], c["Type"]) for c in table["PartitionKeys"]] == [("year", "string")]
    assert table["StorageDescriptor"]["Location"].endswith(f"{bucket}/warehouse/sales")
    assert table["Parameters"]["classification"] == "json"
    assert partition_values(glue, db, "sales") == [("2020",), ("2021",), ("2022",)]

    sql_rows(glue, catalog_session, f"INSERT INTO {db}.sales PARTITION (year = '2030') SELECT 100, 1000")
    partition = glue.get_partition(DatabaseName=db, TableName="sales", PartitionValues=["2030"])["Partition"]
    assert partition["StorageDescriptor"]["Location"].endswith(f"{bucket}/warehouse/sales/year=2030")
    sql_rows(glue, catalog_session, f"INSERT INTO {db}.sales SELECT 101, 1010, '2031'")
    assert ("2031",) in partition_values(glue, db, "sales")

    sql_rows(glue, catalog_session, f"INSERT OVERWRITE {db}.sales PARTITION (year = '2020') SELECT 200, 2000")
    rows = sql_rows(glue, catalog_session, f"SELECT id, amount, year FROM {db}.sales ORDER BY id")
    expected = [{"id": i, "amount": i * 10, "year": str(2020 + i % 3)} for i in range(9) if (2020 + i % 3) != 2020]
    expected += [{"id": 100, "amount": 1000, "year": "2030"}, {"id": 101, "amount": 1010, "year": "2031"},
                 {"id": 200, "amount": 2000, "year": "2020"}]
    assert rows == sorted(expected, key=lambda r: r["id"])
    assert partition_values(glue, db, "sales") == [("2020",), ("2021",), ("2022",), ("2030",), ("2031",)]

    sql_rows(glue, catalog_session, f"DROP TABLE {db}.sales")
    with pytest.raises(ClientError) as missing:
        glue.get_table(DatabaseName=db, Name="sales")
    assert missing.value.response["Error"]["Code"] == "EntityNotFoundException"


def test_add_partition_and_msck_repair_register_partitions(glue, server, catalog_session, names):
    db, bucket = names["db"], names["bucket"]
    local = create_raw_orders_with_boto3(glue, server, catalog_session, db, bucket)

    sql_rows(glue, catalog_session,
             f"ALTER TABLE {db}.raw_orders ADD PARTITION (year = '2027', month = '01') LOCATION 's3://{bucket}/elsewhere/2027'")
    added = glue.get_partition(DatabaseName=db, TableName="raw_orders", PartitionValues=["2027", "01"])["Partition"]
    assert added["StorageDescriptor"]["Location"] == f"s3://{bucket}/elsewhere/2027"

    # New partition directories appear outside Spark (as a job or a copy would leave them).
    for month in ("03", "04"):
        target = local / "year=2026" / f"month={month}"
        target.mkdir(parents=True)
        for source in (local / "year=2026" / "month=01").glob("*.parquet"):
            (target / source.name).write_bytes(source.read_bytes())
    before = partition_values(glue, db, "raw_orders")
    sql_rows(glue, catalog_session, f"MSCK REPAIR TABLE {db}.raw_orders")
    after = partition_values(glue, db, "raw_orders")
    assert sorted(set(after) - set(before)) == [("2026", "03"), ("2026", "04")]
    counts = sql_rows(glue, catalog_session,
                      f"SELECT month, count(*) AS n FROM {db}.raw_orders WHERE year = '2026' GROUP BY month ORDER BY month")
    per_month = sum(1 for o in orders() if o["year"] == "2026" and o["month"] == "01")
    assert {r["month"]: r["n"] for r in counts}["03"] == per_month
    assert {r["month"]: r["n"] for r in counts}["04"] == per_month


def test_save_as_table_creates_and_appends(glue, server, catalog_session, names):
    db, bucket = names["db"], names["bucket"]
    glue.create_database(DatabaseInput={"Name": db, "LocationUri": f"s3://{bucket}/db"})
    run_ok(glue, catalog_session, f"""
df = spark.createDataFrame([(1, "a", "x"), (2, "b", "y")], "id int, name string, part string")
df.write.partitionBy("part").saveAsTable("{db}.people")
""")
    table = glue.get_table(DatabaseName=db, Name="people")["Table"]
    assert [c["Name"] for c in table["StorageDescriptor"]["Columns"]] == ["id", "name"]
    assert [c["Name"] for c in table["PartitionKeys"]] == ["part"]
    assert partition_values(glue, db, "people") == [("x",), ("y",)]

    run_ok(glue, catalog_session, f"""
spark.createDataFrame([(3, "c", "z")], "id int, name string, part string").write.mode("append").saveAsTable("{db}.people")
""")
    assert partition_values(glue, db, "people") == [("x",), ("y",), ("z",)]
    rows = sql_rows(glue, catalog_session, f"SELECT id, name, part FROM {db}.people ORDER BY id")
    assert rows == [{"id": 1, "name": "a", "part": "x"}, {"id": 2, "name": "b", "part": "y"}, {"id": 3, "name": "c", "part": "z"}]


def test_boto3_changes_are_visible_at_once(glue, server, catalog_session, names):
    db, bucket = names["db"], names["bucket"]
    create_raw_orders_with_boto3(glue, server, catalog_session, db, bucket)
    assert len(sql_rows(glue, catalog_session, f"SELECT * FROM {db}.raw_orders WHERE year = '2025'")) == 20

    glue.batch_delete_partition(DatabaseName=db, TableName="raw_orders",
                                PartitionsToDelete=[{"Values": ["2025", "01"]}, {"Values": ["2025", "02"]}])
    assert sql_rows(glue, catalog_session, f"SELECT * FROM {db}.raw_orders WHERE year = '2025'") == []
    glue.delete_table(DatabaseName=db, Name="raw_orders")
    assert "TABLE_OR_VIEW_NOT_FOUND" in sql_error(glue, catalog_session, f"SELECT * FROM {db}.raw_orders")


def test_bad_statements_fail_with_the_culprit_named(glue, catalog_session, names):
    missing_db = names["db"] + "_missing"
    error = sql_error(glue, catalog_session, f"CREATE TABLE {missing_db}.t USING parquet AS SELECT 1 AS a")
    assert missing_db in error
    glue.create_database(DatabaseInput={"Name": names["db"]})
    sql_rows(glue, catalog_session, f"CREATE TABLE {names['db']}.t (a INT) USING parquet LOCATION 's3://{names['bucket']}/t'")
    error = sql_error(glue, catalog_session, f"CREATE TABLE {names['db']}.t (a INT) USING parquet")
    assert "already exists" in error and "`t`" in error


def test_session_without_the_argument_keeps_the_in_memory_catalog(glue, names):
    db = names["db"]
    glue.create_database(DatabaseInput={"Name": db})
    sid = create_session(glue)
    wait_ready(glue, sid)
    try:
        assert [row["namespace"] for row in sql_rows(glue, sid, "SHOW DATABASES")] == ["default"]
        sql_rows(glue, sid, "CREATE TABLE local_only USING parquet AS SELECT 1 AS a")
        assert sql_rows(glue, sid, "SELECT a FROM local_only") == [{"a": 1}]
        with pytest.raises(ClientError) as missing:
            glue.get_table(DatabaseName="default", Name="local_only")
        assert missing.value.response["Error"]["Code"] == "EntityNotFoundException"
    finally:
        glue.stop_session(Id=sid)
