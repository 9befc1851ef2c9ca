#!/usr/bin/env python3
"""Crawler benchmark (issue 7): one crawl over N JSON files in P Hive-style partitions
(s3://bucket/events/day=NNNN/part-K.json), timed from StartCrawler to READY, and a second crawl
that finds nothing new. Reports files/s of the crawl's own runtime (LastRuntimeSeconds: the server
sees the process start and exit, Spark's start included) and of the wall time a client waits.

The files are written straight into the server's local S3 directory (<home>/s3/<bucket>/): making
them is not what is measured, and the crawl reads s3:// through the same storage as sessions.

    python benchmarks/crawler.py                       # 10,000 files in 1,000 partitions
    python benchmarks/crawler.py --files 20 --partitions 4
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import EpoxyServer, wait_until  # noqa: E402
from machine import machine  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/GlueCrawlerRole"


def generate(root: Path, files: int, partitions: int) -> int:
    written = 0
    for index in range(files):
        folder = root / f"day={index % partitions:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps({"event_id": index * 10 + i, "kind": "click", "value": i * 0.5}) + "\n" for i in range(5))
        (folder / f"part-{index // partitions}.json").write_text(lines)
        written += len(lines)
    return written


def crawl(glue, name: str, timeout: float) -> tuple[dict, float]:
    started = time.monotonic()
    glue.start_crawler(Name=name)

    def ended():
        crawler = glue.get_crawler(Name=name)["Crawler"]
        return crawler if crawler["State"] == "READY" and "LastCrawl" in crawler else None
    crawler = wait_until(ended, timeout=timeout, interval=0.2, message=f"crawler {name}")
    wall = time.monotonic() - started
    if crawler["LastCrawl"]["Status"] != "SUCCEEDED":
        raise RuntimeError(f"crawl failed: {crawler['LastCrawl']}")
    return glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"][0], wall


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--partitions", type=int, default=1_000)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one crawl may take")
    args = parser.parse_args(argv)

    server = EpoxyServer().start()
    try:
        glue = server.glue()
        bytes_written = generate(server.home / "s3" / "bench-crawl" / "events", args.files, args.partitions)
        glue.create_database(DatabaseInput={"Name": "bench"})
        glue.create_crawler(Name="bench", Role=ROLE, DatabaseName="bench", Targets={"S3Targets": [{"Path": "s3://bench-crawl/events/"}]})

        first, first_wall = crawl(glue, "bench", args.timeout)
        partitions, token = 0, None
        while True:
            page = glue.get_partitions(DatabaseName="bench", TableName="events", **({"NextToken": token} if token else {}))
            partitions += len(page["Partitions"])
            token = page.get("NextToken")
            if not token:
                break
        if partitions != args.partitions:
            raise RuntimeError(f"expected {args.partitions} partitions, the catalog has {partitions}")
        second, second_wall = crawl(glue, "bench", args.timeout)
        return {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(),
            "files": args.files,
            "partitions": args.partitions,
            "bytes": bytes_written,
            "first_crawl": {"runtime_seconds": first["LastRuntimeSeconds"], "wall_seconds": round(first_wall, 1),
                            "files_per_second": round(args.files / first["LastRuntimeSeconds"], 1),
                            "tables_created": first["TablesCreated"]},
            "unchanged_recrawl": {"runtime_seconds": second["LastRuntimeSeconds"], "wall_seconds": round(second_wall, 1),
                                  "files_per_second": round(args.files / second["LastRuntimeSeconds"], 1),
                                  "tables_updated": second["TablesUpdated"]},
        }
    finally:
        server.stop()


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
