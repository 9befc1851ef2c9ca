#!/usr/bin/env python3
"""Seed pipeline benchmark (issue 3): DynamicFrame pipeline vs the same pipeline in plain DataFrames.

ApplyMapping -> ResolveChoice -> DropNullFields -> groupBy/agg -> parquet write partitioned by region,
on N generated orders (string columns, as the seed's raw table), against the hand-written DataFrame
version, in the same local[2] Spark with a 2 GB driver heap. Rounds alternate between the two
pipelines; the report gives medians, rows/s and the ratio (target <= 1.2).

Run from the repository root after `mvn -B -o -q -pl epoxy-runtime -am package -DskipTests`:
    .venv/bin/python benchmarks/pipeline.py --rows 5000000 --rounds 5
(`benchmarks/run.py pipeline` on main can call `main(argv)` of this module.)
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "python"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from machine import machine  # noqa: E402

SEED_MAPPINGS = [
    ("order_id", "string", "order_id", "string"),
    ("customer_id", "string", "customer_id", "long"),
    ("order_date", "string", "order_date", "date"),
    ("total_amount", "string", "total_amount", "decimal(10,2)"),
    ("status", "string", "order_status", "string"),
    ("region", "string", "region", "string"),
]




def jvm_cpu_seconds(pid: int) -> float:
    """User + system CPU time of the driver JVM: steadier than wall time on a shared machine."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spark_session(heap: str):
    from pyspark.sql import SparkSession

    jars = [jar for jar in glob.glob(os.path.join(REPO, "epoxy-runtime", "target", "epoxy-runtime-*.jar"))
            if not jar.endswith(("-sources.jar", "-tests.jar"))]
    if not jars:
        sys.exit("epoxy-runtime jar not found: run `mvn -B -o -q -pl epoxy-runtime -am package -DskipTests` first")
    # The runtime's own dependencies (epoxy-spark-catalog, the AWS SDK's Glue client) as drivers get them, from the dist.
    driver = os.path.join(REPO, "epoxy-dist", "target", "epoxy", "driver")
    dependencies = [jar for jar in sorted(glob.glob(os.path.join(driver, "*.jar")))
                    if not os.path.basename(jar).startswith(("epoxy-runtime-", "epoxy-driver"))]
    if not dependencies:
        sys.exit("epoxy-dist/target/epoxy/driver is empty: run `mvn -B -q -DskipTests package` first")
    return (SparkSession.builder.master("local[2]").appName("epoxy-pipeline-benchmark")
            .config("spark.driver.memory", heap)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.extraClassPath", os.pathsep.join([jars[0], *dependencies]))
            .getOrCreate())


def generate(spark, rows: int, path: str) -> None:
    """Raw orders with every column a string, like the seed's catalog table."""
    spark.range(rows).selectExpr(
        "concat('o', id) AS order_id",
        "cast(id * 7919 % 200000 AS string) AS customer_id",
        "cast(date_add(DATE'2026-01-01', cast(id % 90 AS int)) AS string) AS order_date",
        "cast((id * 104729 % 100000) / 100.0 AS string) AS total_amount",
        "element_at(array('NEW', 'PAID', 'SHIPPED', 'RETURNED'), cast(id % 4 AS int) + 1) AS status",
        "element_at(array('eu-west', 'us-east', 'us-west', 'ap-south', 'sa-east'), cast(id % 5 AS int) + 1) AS region",
    ).write.mode("overwrite").parquet(path)


def summarize(orders_df):
    from pyspark.sql import functions as F

    return orders_df.groupBy("region", F.date_format("order_date", "yyyy-MM-dd").alias("order_day")).agg(
        F.count("order_id").alias("total_orders"),
        F.sum("total_amount").alias("total_revenue"),
        F.avg("total_amount").alias("avg_order_value"),
        F.countDistinct("customer_id").alias("unique_customers"))


def dynamic_frame_pipeline(glue_context, source: str, target: str) -> None:
    """The seed notebook's code, with the catalog read replaced by from_options."""
    from awsglue.dynamicframe import DynamicFrame
    from awsglue.transforms import ApplyMapping, DropNullFields, ResolveChoice

    orders_dyf = glue_context.create_dynamic_frame.from_options("s3", {"paths": [source]}, format="parquet")
    mapped = ApplyMapping.apply(frame=orders_dyf, mappings=SEED_MAPPINGS)
    resolved = ResolveChoice.apply(frame=mapped, choice="make_struct")
    cleaned = DropNullFields.apply(frame=resolved)
    summary = summarize(cleaned.toDF())
    summary_dyf = DynamicFrame.fromDF(summary, glue_context, "summary")
    glue_context.write_dynamic_frame.from_options(frame=summary_dyf, connection_type="s3",
                                                  connection_options={"path": target, "partitionKeys": ["region"]},
                                                  format="parquet")


def data_frame_pipeline(spark, source: str, target: str) -> None:
    """The same pipeline written with plain DataFrames."""
    from pyspark.sql import functions as F

    raw = spark.read.parquet(source)
    mapped = raw.select(
        F.col("order_id").cast("string").alias("order_id"),
        F.col("customer_id").cast("long").alias("customer_id"),
        F.col("order_date").cast("date").alias("order_date"),
        F.col("total_amount").cast("decimal(10,2)").alias("total_amount"),
        F.col("status").cast("string").alias("order_status"),
        F.col("region").cast("string").alias("region"))
    summarize(mapped).write.mode("append").partitionBy("region").parquet(target)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="rounds of both pipelines run first and not counted")
    parser.add_argument("--heap", default="2g")
    args = parser.parse_args(argv)

    spark = spark_session(args.heap)
    from awsglue.context import GlueContext

    glue_context = GlueContext(spark.sparkContext)
    work = tempfile.mkdtemp(prefix="epoxy-pipeline-")
    try:
        source = os.path.join(work, "raw_orders")
        started = time.monotonic()
        generate(spark, args.rows, source)
        generation_s = time.monotonic() - started
        timings = {"dataframe": [], "dynamicframe": []}
        cpu = {"dataframe": [], "dynamicframe": []}
        pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        total_rounds = args.warmup + args.rounds
        for round_number in range(total_rounds):
            # Alternate which pipeline goes first, so neither always meets a colder cache.
            order = ("dataframe", "dynamicframe") if round_number % 2 == 0 else ("dynamicframe", "dataframe")
            for name in order:
                target = os.path.join(work, "out-%s-%d" % (name, round_number))
                started, cpu_started = time.monotonic(), jvm_cpu_seconds(pid)
                if name == "dataframe":
                    data_frame_pipeline(spark, source, target)
                else:
                    dynamic_frame_pipeline(glue_context, source, target)
                elapsed, cpu_used = time.monotonic() - started, jvm_cpu_seconds(pid) - cpu_started
                if round_number >= args.warmup:
                    timings[name].append(elapsed)
                    cpu[name].append(cpu_used)
                print("\nround %d %s: %.2f s wall, %.2f s cpu%s" % (
                    round_number, name, elapsed, cpu_used, " (warm-up)" if round_number < args.warmup else ""), flush=True)
        # Both pipelines must have produced the same summary.
        last = total_rounds - 1
        expected = spark.read.parquet(os.path.join(work, "out-dataframe-%d" % last))
        actual = spark.read.parquet(os.path.join(work, "out-dynamicframe-%d" % last))
        assert expected.exceptAll(actual).count() == 0 and actual.exceptAll(expected).count() == 0, "summaries differ"
        heap_mb = spark.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory() / 2**20
    finally:
        shutil.rmtree(work, ignore_errors=True)
        spark.stop()

    medians = {name: statistics.median(values) for name, values in timings.items()}
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": ".venv/bin/python benchmarks/pipeline.py --rows %d --rounds %d --warmup %d --heap %s" % (
            args.rows, args.rounds, args.warmup, args.heap),
        "driver_max_heap_mb": round(heap_mb),
        "rows": args.rows,
        "generation_s": round(generation_s, 2),
        "runs_s": {name: [round(value, 2) for value in values] for name, values in timings.items()},
        "median_s": {name: round(value, 2) for name, value in medians.items()},
        "rows_per_s": {name: round(args.rows / value) for name, value in medians.items()},
        "ratio_dynamicframe_to_dataframe": round(medians["dynamicframe"] / medians["dataframe"], 3),
        "jvm_cpu_s": {name: [round(value, 2) for value in values] for name, values in cpu.items()},
        "median_jvm_cpu_s": {name: round(statistics.median(values), 2) for name, values in cpu.items()},
        "cpu_ratio_dynamicframe_to_dataframe": round(
            statistics.median(cpu["dynamicframe"]) / statistics.median(cpu["dataframe"]), 3),
    }
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
