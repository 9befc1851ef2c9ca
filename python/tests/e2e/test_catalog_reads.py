"""Catalog-backed reads and writes in a session: boto3 defines the tables, the session's awsglue reads
and writes them through the server's Glue API, and boto3 checks what the writes registered.

Expected values are computed here, in plain Python, from the generated data. Partition pruning is
proven by files that must not be read: the partitions a predicate excludes are overwritten with
garbage bytes, which Spark's JSON reader turns into one all-null record per file, so any read of them
changes the result (the test shows that it does when no predicate is given).
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from .sessions import create_session, run, run_ok, wait_ready
from .orders import REGIONS, expected_summary
from .orders import generate_orders as generate_seed_orders

MONTHS = ["01", "02", "03"]
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
ORDER_COLUMNS = ["order_id", "customer_id", "order_date", "total_amount", "status", "region"]


def generate_orders(count: int, seed: int = 11) -> list[dict]:
    return generate_seed_orders(count, seed, months=MONTHS)


def ensure_database(glue, name: str) -> None:
    try:
        glue.create_database(DatabaseInput={"Name": name})
    except glue.exceptions.AlreadyExistsException:
        pass


def create_table(glue, database: str, name: str, location: str, columns: list[tuple[str, str]], serde: str,
                 serde_parameters: dict | None = None, parameters: dict | None = None,
                 partition_keys: list[tuple[str, str]] = (), input_format: str = TEXT_INPUT,
                 output_format: str = TEXT_OUTPUT) -> None:
    ensure_database(glue, database)
    glue.create_table(DatabaseName=database, TableInput={
        "Name": name,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": parameters or {},
        "PartitionKeys": [{"Name": key, "Type": type_} for key, type_ in partition_keys],
        "StorageDescriptor": {
            "Location": location,
            "Columns": [{"Name": column, "Type": type_} for column, type_ in columns],
            "InputFormat": input_format,
            "OutputFormat": output_format,
            "SerdeInfo": {"SerializationLibrary": serde, "Parameters": serde_parameters or {}},
        },
    })


def write_json_lines(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")


def make_garbage(directory: Path) -> int:
    """Overwrites the JSON files with bytes that are neither JSON nor text; returns how many files."""
    files = sorted(directory.glob("*.json"))
    for data_file in files:
        data_file.write_bytes(b"\x00\xff{\"order_id\": \x00 garbage")
    return len(files)


def get_partition_values(glue, database: str, table: str) -> list[list[str]]:
    paginator = glue.get_paginator("get_partitions")
    return sorted(partition["Values"] for page in paginator.paginate(DatabaseName=database, TableName=table)
                  for partition in page["Partitions"])


@pytest.fixture(scope="module")
def server(catalog_server):
    """The catalog suite's server: once on the embedded store, once on PostgreSQL."""
    return catalog_server


@pytest.fixture(scope="module")
def glue(catalog_glue):
    return catalog_glue


@pytest.fixture(scope="module")
def orders(glue, server):
    """sales_db.raw_orders: generated JSON orders in s3://sales-lake/raw_orders/year=2026/month=MM/."""
    generated = generate_orders(3000)
    root = server.home / "s3" / "sales-lake" / "raw_orders"
    for month in MONTHS:
        in_month = [order for order in generated if order["order_date"][5:7] == month]
        for part in range(2):
            write_json_lines(root / "year=2026" / f"month={month}" / f"part-{part}.json", in_month[part::2])
    create_table(glue, "sales_db", "raw_orders", "s3://sales-lake/raw_orders/", [(c, "string") for c in ORDER_COLUMNS],
                 JSON_SERDE, parameters={"classification": "json"}, partition_keys=[("year", "string"), ("month", "string")])
    response = glue.batch_create_partition(DatabaseName="sales_db", TableName="raw_orders", PartitionInputList=[{
        "Values": ["2026", month],
        "StorageDescriptor": {"Location": f"s3://sales-lake/raw_orders/year=2026/month={month}/",
                              "InputFormat": TEXT_INPUT, "OutputFormat": TEXT_OUTPUT,
                              "SerdeInfo": {"SerializationLibrary": JSON_SERDE}},
    } for month in MONTHS])
    assert not response.get("Errors"), response
    return generated, root


@pytest.fixture(scope="module")
def catalog_session(glue):
    sid = create_session(glue)
    wait_ready(glue, sid)
    run_ok(glue, sid, """
from awsglue.context import GlueContext
from awsglue.transforms import *
from pyspark.context import SparkContext
from awsglue.dynamicframe import DynamicFrame

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
""")
    yield sid
    glue.stop_session(Id=sid)


def test_seed_notebook_from_catalog_then_push_down_reads_only_the_matching_partition(glue, server, orders, catalog_session):
    generated, root = orders
    sid = catalog_session
    schema = run_ok(glue, sid, """
# Read data from the Glue Data Catalog
# This uses the same catalog your production jobs use
orders_dyf = glueContext.create_dynamic_frame.from_catalog(
    database="sales_db",
    table_name="raw_orders"
)

# Check the schema - this returns instantly since it uses the catalog
orders_dyf.printSchema()

# Look at a sample of the data
orders_dyf.toDF().show(5)
""")
    for field in ORDER_COLUMNS + ["year", "month"]:
        assert f"|-- {field}: string" in schema

    run_ok(glue, sid, """
# Transform the data
# Apply mappings to rename and recast columns
mapped_orders = ApplyMapping.apply(
    frame=orders_dyf,
    mappings=[
        ("order_id", "string", "order_id", "string"),
        ("customer_id", "string", "customer_id", "long"),
        ("order_date", "string", "order_date", "date"),
        ("total_amount", "string", "total_amount", "decimal(10,2)"),
        ("status", "string", "order_status", "string"),
        ("region", "string", "region", "string")
    ]
)

# Resolve any choice types (columns with ambiguous types)
resolved = ResolveChoice.apply(
    frame=mapped_orders,
    choice="make_struct"
)

# Drop null fields
cleaned = DropNullFields.apply(frame=resolved)
""")
    summary_text = run_ok(glue, sid, """
# Aggregate the data to create a summary
orders_df = cleaned.toDF()

from pyspark.sql import functions as F

daily_summary = orders_df.groupBy(
    "region",
    F.date_format("order_date", "yyyy-MM-dd").alias("order_day")
).agg(
    F.count("order_id").alias("total_orders"),
    F.sum("total_amount").alias("total_revenue"),
    F.avg("total_amount").alias("avg_order_value"),
    F.countDistinct("customer_id").alias("unique_customers")
)

daily_summary.show(10)
import json as _json
print("SUMMARY" + _json.dumps([row.asDict() for row in daily_summary.collect()], default=str))
""")
    actual = {(row["region"], row["order_day"]): row for row in json.loads(summary_text.split("SUMMARY", 1)[1])}
    expected = expected_summary(generated)
    assert set(actual) == set(expected)
    for key, want in expected.items():
        assert actual[key]["total_orders"] == want["total_orders"], key
        assert Decimal(actual[key]["total_revenue"]) == want["total_revenue"], key
        assert actual[key]["unique_customers"] == want["unique_customers"], key

    written = run_ok(glue, sid, """
# Write the results back to S3 in Parquet format
summary_dyf = DynamicFrame.fromDF(daily_summary, glueContext, "summary")

glueContext.write_dynamic_frame.from_options(
    frame=summary_dyf,
    connection_type="s3",
    connection_options={
        "path": "s3://my-data-lake/processed/daily-order-summary/",
        "partitionKeys": ["region"]
    },
    format="parquet"
)

print("Write complete!")
""")
    assert written == "Write complete!"
    sample = run_ok(glue, sid, """
# Take a random 1% sample for testing
sample_df = orders_dyf.toDF().sample(fraction=0.01, seed=42)
sample_dyf = DynamicFrame.fromDF(sample_df, glueContext, "sample")
print(f"Sample size: {sample_dyf.count()} records")
""")
    assert sample.startswith("Sample size: ")
    assert 0 < int(sample.split()[2]) < len(generated) // 10

    # From here on only February holds orders.
    garbage_files = sum(make_garbage(root / "year=2026" / f"month={month}") for month in ("01", "03"))
    assert garbage_files == 4
    february = [order for order in generated if order["order_date"][5:7] == "02"]
    counted = run_ok(glue, sid, """
# Read only a portion of the data for development
# Use a pushdown predicate to filter at the source
sample_orders = glueContext.create_dynamic_frame.from_catalog(
    database="sales_db",
    table_name="raw_orders",
    push_down_predicate="(year == '2026' and month == '02')"
)

print(f"Working with {sample_orders.count()} records")
""")
    assert counted == f"Working with {len(february)} records"
    totals = run_ok(glue, sid, """
from pyspark.sql import functions as F
rows = sample_orders.toDF().agg(F.sum(F.col("total_amount").cast("decimal(12,2)")), F.countDistinct("order_id"),
                                F.collect_set("month")).collect()[0]
print(rows[0], rows[1], sorted(rows[2]))
""")
    assert totals == "{} {} ['02']".format(sum(Decimal(order["total_amount"]) for order in february), len(february))

    # The catalog evaluates catalogPartitionPredicate itself: the other months are never listed either.
    counted = run_ok(glue, sid, """
frame = glueContext.create_dynamic_frame.from_catalog(database="sales_db", table_name="raw_orders",
    additional_options={"catalogPartitionPredicate": "month = '02'"})
print(frame.count(), frame.toDF().select("order_id").distinct().count())
""")
    assert counted == f"{len(february)} {len(february)}"

    # Without a predicate the garbage is read (one all-null record per file): the proof above is sound.
    everything = run_ok(glue, sid, """
frame = glueContext.create_dynamic_frame.from_catalog(database="sales_db", table_name="raw_orders").toDF()
print(frame.count(), frame.where("order_id is not null").count())
""")
    assert everything == f"{len(february) + garbage_files} {len(february)}"


def test_csv_parquet_orc_and_avro_tables_read_through_the_catalog(glue, server, catalog_session):
    sid = catalog_session
    people = server.home / "s3" / "formats" / "people_csv"
    people.mkdir(parents=True, exist_ok=True)
    (people / "people.csv").write_text("id|name|score\n1|'Ada|Lovelace'|9.5\n2|Alan|7.25\n3|'Grace ''G'''|8\n")
    create_table(glue, "formats_db", "people_csv", "s3://formats/people_csv/",
                 [("id", "int"), ("name", "string"), ("score", "double")],
                 "org.apache.hadoop.hive.serde2.OpenCSVSerde",
                 serde_parameters={"separatorChar": "|", "quoteChar": "'", "escapeChar": "\\"},
                 parameters={"classification": "csv", "skip.header.line.count": "1"})
    csv = run_ok(glue, sid, """
people = glueContext.create_data_frame.from_catalog(database="formats_db", table_name="people_csv")
print(sorted((r.id, r.name, r.score) for r in people.collect()))
""")
    assert csv.startswith("[(1, 'Ada|Lovelace', 9.5), (2, 'Alan', 7.25), (3, ")

    # Columnar files written by Spark in the session, tables defined with boto3 as Athena or a crawler would.
    rows = [(index, f"item-{index}", index * 1.5) for index in range(50)]
    run_ok(glue, sid, f"""
data = spark.createDataFrame({rows!r}, "id int, name string, price double")
for fmt in ("parquet", "orc", "avro"):
    data.write.mode("overwrite").format(fmt).save(f"s3://formats/items_{{fmt}}/")
""")
    storage = {
        "parquet": ("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
        "orc": ("org.apache.hadoop.hive.ql.io.orc.OrcSerde", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat"),
        "avro": ("org.apache.hadoop.hive.serde2.avro.AvroSerDe",
                 "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                 "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat"),
    }
    for fmt, (serde, input_format, output_format) in storage.items():
        create_table(glue, "formats_db", f"items_{fmt}", f"s3://formats/items_{fmt}/",
                     [("id", "int"), ("name", "string"), ("price", "double")], serde,
                     input_format=input_format, output_format=output_format)
    read = run_ok(glue, sid, """
for fmt in ("parquet", "orc", "avro"):
    frame = glueContext.create_dynamic_frame.from_catalog(database="formats_db", table_name=f"items_{fmt}")
    df = frame.toDF()
    print(fmt, frame.count(), df.agg({"price": "sum"}).collect()[0][0], sorted(df.columns))
""")
    expected_sum = sum(price for _, _, price in rows)
    assert read.splitlines() == [f"{fmt} 50 {expected_sum} ['id', 'name', 'price']" for fmt in ("parquet", "orc", "avro")]

    schema = run_ok(glue, sid, "print(glueContext.get_catalog_schema_as_spark_schema(database='formats_db', "
                               "table_name='items_parquet').simpleString())")
    assert schema == "struct<id:int,name:string,price:double>"

    # The Scala-style source and sink, as generated Glue Studio scripts use them.
    scala_style = run_ok(glue, sid, """
source = glueContext.getCatalogSource(database="formats_db", table_name="items_orc")
frame = source.getFrame()
glueContext.getCatalogSink(database="formats_db", table_name="items_avro").writeFrame(frame)
print(frame.name, glueContext.create_dynamic_frame.from_catalog(database="formats_db", table_name="items_avro").count())
""")
    assert scala_style == "items_orc 100"


def test_missing_location_and_missing_table_are_clear_errors(glue, catalog_session):
    sid = catalog_session
    create_table(glue, "formats_db", "gone", "s3://formats/does-not-exist/", [("id", "int")], JSON_SERDE)
    statement = run(glue, sid, "glueContext.create_dynamic_frame.from_catalog(database='formats_db', table_name='gone')")
    output = statement["Output"]
    assert output["Status"] == "error"
    assert output["ErrorName"] == "FileNotFoundError"
    assert output["ErrorValue"] == ("Cannot read table formats_db.gone: its location s3://formats/does-not-exist "
                                    "does not exist")
    statement = run(glue, sid, "glueContext.create_dynamic_frame.from_catalog(database='formats_db', table_name='nope')")
    assert statement["Output"]["ErrorName"] == "FileNotFoundError"
    assert statement["Output"]["ErrorValue"] == "Table not found in the Data Catalog: formats_db.nope"


def test_sink_with_enable_update_catalog_creates_the_table_and_registers_partitions(glue, server, catalog_session):
    sid = catalog_session
    ensure_database(glue, "lake_db")
    rows = [(f"o-{index}", REGIONS[index % 3], index * 2) for index in range(30)]
    run_ok(glue, sid, f"""
frame = DynamicFrame.fromDF(spark.createDataFrame({rows!r}, "order_id string, region string, quantity bigint"),
                            glueContext, "orders")
sink = glueContext.getSink(connection_type="s3", path="s3://lake/orders_by_region/", enableUpdateCatalog=True,
                           updateBehavior="UPDATE_IN_DATABASE", partitionKeys=["region"])
sink.setFormat("glueparquet")
sink.setCatalogInfo(catalogDatabase="lake_db", catalogTableName="orders_by_region")
sink.writeFrame(frame)
""")
    table = glue.get_table(DatabaseName="lake_db", Name="orders_by_region")["Table"]
    assert table["StorageDescriptor"]["Location"] == "s3://lake/orders_by_region/"
    assert [(c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"]] == [
        ("order_id", "string"), ("quantity", "bigint")]
    assert [(c["Name"], c["Type"]) for c in table["PartitionKeys"]] == [("region", "string")]
    assert table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == (
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
    assert table["Parameters"]["classification"] == "parquet"
    assert get_partition_values(glue, "lake_db", "orders_by_region") == sorted([[region] for region in REGIONS[:3]])

    # A write through the table adds the new region's partition and evolves the schema.
    more = [("o-new", "ap-south", 5, "rush")]
    run_ok(glue, sid, f"""
frame = DynamicFrame.fromDF(spark.createDataFrame({more!r}, "order_id string, region string, quantity bigint, note string"),
                            glueContext, "more")
glueContext.write_dynamic_frame.from_catalog(frame=frame, database="lake_db", table_name="orders_by_region",
    additional_options={{"enableUpdateCatalog": True, "updateBehavior": "UPDATE_IN_DATABASE"}})
""")
    assert get_partition_values(glue, "lake_db", "orders_by_region") == sorted([[region] for region in REGIONS])
    table = glue.get_table(DatabaseName="lake_db", Name="orders_by_region")["Table"]
    assert [c["Name"] for c in table["StorageDescriptor"]["Columns"]] == ["order_id", "quantity", "note"]
    partition = glue.get_partition(DatabaseName="lake_db", TableName="orders_by_region", PartitionValues=["ap-south"])
    assert partition["Partition"]["StorageDescriptor"]["Location"] == "s3://lake/orders_by_region/region=ap-south"
    read = run_ok(glue, sid, """
back = glueContext.create_dynamic_frame.from_catalog(database="lake_db", table_name="orders_by_region",
    push_down_predicate="region = 'ap-south'").toDF()
print(back.count(), back.collect()[0].note)
total = glueContext.create_data_frame.from_catalog(database="lake_db", table_name="orders_by_region")
print(total.count(), total.agg({"quantity": "sum"}).collect()[0][0])
""")
    assert read.splitlines() == ["1 rush", f"31 {sum(q for _, _, q in rows) + 5}"]


def test_match_catalog_casts_choices_to_the_table_types(glue, server, catalog_session):
    sid = catalog_session
    create_table(glue, "formats_db", "typed", "s3://formats/typed/", [("id", "bigint"), ("v", "string")], JSON_SERDE)
    mixed = server.home / "s3" / "formats" / "mixed"
    write_json_lines(mixed / "part-0.json", [{"id": 1, "v": 10}, {"id": 2, "v": "twenty"}])
    resolved = run_ok(glue, sid, """
mixed = glueContext.create_dynamic_frame.from_options("s3", {"paths": ["s3://formats/mixed/"]}, format="json")
resolved = mixed.resolveChoice(choice="match_catalog", database="formats_db", table_name="typed")
resolved.printSchema()
print(sorted(row.v for row in resolved.toDF().collect()))
""")
    assert "|-- v: string" in resolved
    assert resolved.splitlines()[-1] == "['10', 'twenty']"
