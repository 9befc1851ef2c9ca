#!/usr/bin/env python3
"""GetPartitions with an Expression over a large table (issue 7's performance target: p50 <= 50 ms with
100,000 partitions and 1 % selected, the predicate evaluated in the database).

A table partitioned by year/month/day/hour (string keys, as crawlers and Glue jobs make them) gets one
partition per hour, centred on 2020-03-01, loaded with BatchCreatePartition (100 per call). Then the same
GetPartitions call, `year = '2020' AND month IN ('03', '04') AND day <= '20'` (960 partitions of 100,000),
is timed from a boto3 client, every page read (the answer checked against the partitions computed
here), and as one plain HTTP request (the server's time and the transfer, without botocore's parsing).

    python benchmarks/catalog_partitions.py                        # 100,000 partitions, 50 queries
    python benchmarks/catalog_partitions.py --partitions 2000 --queries 3
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import EpoxyServer  # noqa: E402
from machine import machine  # noqa: E402

DATABASE = "bench_db"
TABLE = "events"
KEYS = ["year", "month", "day", "hour"]
EXPRESSION = "year = '2020' AND month IN ('03', '04') AND day <= '20'"
COLUMNS = [{"Name": "id", "Type": "bigint"}, {"Name": "user", "Type": "string"}, {"Name": "amount", "Type": "double"},
           {"Name": "kind", "Type": "string"}, {"Name": "payload", "Type": "string"}]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for {pid}")


def partition_values(count: int) -> list[list[str]]:
    # centred on March 2020, so that the Expression selects the same 960 partitions at every size above 2,000
    start = datetime(2020, 3, 1, tzinfo=timezone.utc) - timedelta(hours=count // 2)
    hours = (start + timedelta(hours=index) for index in range(count))
    return [[f"{t.year:04d}", f"{t.month:02d}", f"{t.day:02d}", f"{t.hour:02d}"] for t in hours]


def selected(values: list[str]) -> bool:
    """The benchmark's Expression, evaluated here independently of the server."""
    year, month, day, _ = values
    return year == "2020" and month in ("03", "04") and day <= "20"


def partition_input(values: list[str]) -> dict:
    location = "s3://bench-bucket/events/" + "/".join(f"{key}={value}" for key, value in zip(KEYS, values)) + "/"
    return {"Values": values, "StorageDescriptor": {
        "Columns": COLUMNS, "Location": location,
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"}}}


def list_all(glue, expression: str) -> list[list[str]]:
    found, token = [], None
    while True:
        response = glue.get_partitions(DatabaseName=DATABASE, TableName=TABLE, Expression=expression,
                                       **({"NextToken": token} if token else {}))
        found.extend(partition["Values"] for partition in response["Partitions"])
        token = response.get("NextToken")
        if not token:
            return found


def raw_call_ms(endpoint: str, body: dict) -> tuple[float, int]:
    """One GetPartitions over plain HTTP: the server's time plus the transfer, without botocore's parsing."""
    host = endpoint.split("://", 1)[1]
    payload = json.dumps(body)
    connection = http.client.HTTPConnection(host, timeout=120)
    try:
        started = time.monotonic()
        connection.request("POST", "/", payload, {"Content-Type": "application/x-amz-json-1.1",
                                                  "X-Amz-Target": "AWSGlue.GetPartitions"})
        response = connection.getresponse()
        data = response.read()
        elapsed = (time.monotonic() - started) * 1000
        assert response.status == 200, data[:500]
        return elapsed, len(json.loads(data)["Partitions"])
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partitions", type=int, default=100_000, help="partitions of the table")
    parser.add_argument("--queries", type=int, default=50, help="timed GetPartitions calls")
    args = parser.parse_args(argv)
    values = partition_values(args.partitions)
    expected = sorted(v for v in values if selected(v))
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        glue.create_database(DatabaseInput={"Name": DATABASE})
        glue.create_table(DatabaseName=DATABASE, TableInput={
            "Name": TABLE, "PartitionKeys": [{"Name": key, "Type": "string"} for key in KEYS],
            "StorageDescriptor": partition_input(["x"] * len(KEYS))["StorageDescriptor"]})
        rss_empty = rss_mb(server.process.pid)
        started = time.monotonic()
        for offset in range(0, len(values), 100):
            response = glue.batch_create_partition(DatabaseName=DATABASE, TableName=TABLE,
                                                   PartitionInputList=[partition_input(v) for v in values[offset:offset + 100]])
            assert not response.get("Errors"), response["Errors"][:3]
        load_s = time.monotonic() - started

        timings = []
        for _ in range(args.queries + 1):
            started = time.monotonic()
            found = list_all(glue, EXPRESSION)
            timings.append((time.monotonic() - started) * 1000)
            assert sorted(found) == expected, f"GetPartitions returned {len(found)} partitions, expected {len(expected)}"
        timings = timings[1:]  # the first call warms the server's query path
        raw = []
        for _ in range(args.queries):
            elapsed, count = raw_call_ms(server.endpoint, {"DatabaseName": DATABASE, "TableName": TABLE, "Expression": EXPRESSION})
            assert count == len(expected) or len(expected) > 1000, count
            raw.append(elapsed)
        rss_loaded = rss_mb(server.process.pid)
    finally:
        server.stop()
    return {"partitions": args.partitions, "expression": EXPRESSION, "selected": len(expected),
            "selected_percent": round(100 * len(expected) / args.partitions, 2),
            "load_s": round(load_s, 1), "load_partitions_per_s": round(args.partitions / load_s),
            "get_partitions_http_ms": {"n": len(raw), "p50": round(percentile(raw, 0.5), 1),
                                       "p95": round(percentile(raw, 0.95), 1)},
            "get_partitions_boto3_ms": {"n": len(timings), "p50": round(percentile(timings, 0.5), 1),
                                  "p95": round(percentile(timings, 0.95), 1), "mean": round(statistics.mean(timings), 1)},
            "server_rss_mb": {"empty_table": rss_empty, "loaded_after_queries": rss_loaded}}


if __name__ == "__main__":
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "python benchmarks/catalog_partitions.py " + " ".join(sys.argv[1:])}
    report["catalog_partitions"] = main(sys.argv[1:])
    print(json.dumps(report, indent=2))
