"""The seed notebook (../shared/seed/) through the sessions API, on generated orders.

The catalog read is replaced by from_options (test_catalog_reads.py runs the from_catalog cells as written); every other cell is the
seed's code unchanged. Expected values are computed here, in plain Python, from the generated data.
"""
import json
from decimal import Decimal

import pytest

from .orders import expected_summary, generate_orders
from .sessions import create_session, run_ok, wait_ready


@pytest.fixture(scope="module")
def seed_session(glue, server):
    orders = generate_orders(3000)
    raw = server.home / "s3" / "raw-orders" / "orders"
    raw.mkdir(parents=True, exist_ok=True)
    for part in range(3):
        with open(raw / f"part-{part}.json", "w") as out:
            for order in orders[part::3]:
                out.write(json.dumps(order) + "\n")
    sid = create_session(glue)
    wait_ready(glue, sid)
    yield sid, orders
    glue.stop_session(Id=sid)


def test_seed_notebook_runs_unchanged(glue, server, seed_session):
    sid, orders = seed_session
    run_ok(glue, sid, """
# Initialize the Glue context
from awsglue.context import GlueContext
from awsglue.transforms import *
from pyspark.context import SparkContext
from awsglue.dynamicframe import DynamicFrame

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
""")
    schema = run_ok(glue, sid, """
orders_dyf = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://raw-orders/orders/"]},
    format="json"
)

# Check the schema
orders_dyf.printSchema()

# Look at a sample of the data
orders_dyf.toDF().show(5)
""")
    for field in ["order_id", "customer_id", "order_date", "total_amount", "status", "region"]:
        assert f"|-- {field}: string" in schema

    mapped_schema = run_ok(glue, sid, """
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
mapped_orders.printSchema()
""")
    lines = [line.strip() for line in mapped_schema.splitlines() if "|--" in line]
    names_and_types = [line.split("|-- ", 1)[1] for line in lines]
    assert [entry.split(":")[0] for entry in names_and_types] == [
        "order_id", "customer_id", "order_date", "total_amount", "order_status", "region"]
    types = dict(entry.split(": ", 1) for entry in names_and_types)
    assert types["customer_id"] == "long"
    assert types["order_date"] == "date"
    assert types["total_amount"].startswith("decimal")

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
    actual = {(row["region"], row["order_day"]): row
              for row in json.loads(summary_text.split("SUMMARY", 1)[1])}
    expected = expected_summary(orders)
    assert set(actual) == set(expected)
    for key, want in expected.items():
        got = actual[key]
        assert got["total_orders"] == want["total_orders"], key
        assert Decimal(got["total_revenue"]) == want["total_revenue"], key
        assert abs(Decimal(got["avg_order_value"]) - want["avg_order_value"]) <= Decimal("0.000001"), key
        assert got["unique_customers"] == want["unique_customers"], key

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
    output = server.home / "s3" / "my-data-lake" / "processed" / "daily-order-summary"
    partitions = sorted(path.name for path in output.iterdir() if path.is_dir())
    assert partitions == sorted(f"region={region}" for region in {o["region"] for o in orders})
    for partition in partitions:
        assert list((output / partition).glob("*.parquet")), f"no parquet files in {partition}"
    count = run_ok(glue, sid, "print(spark.read.parquet('s3://my-data-lake/processed/daily-order-summary/').count())")
    assert int(count) == len(expected)
