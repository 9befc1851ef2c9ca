#!/usr/bin/env python3
"""Epoxy benchmarks. Run with `./epoxy bench [name ...]`; record results in docs/benchmarks.md.

sessions:       session cold start (CreateSession -> READY), statement overhead for `1+1`
                (RunStatement -> AVAILABLE seen by a client polling every 5 ms), server RSS idle and
                with 5 live sessions, driver RSS (driver JVM and its Python interpreter).
load:           p50/p99 latency of `1+1` statements submitted open-loop at 1, 10 and 50 statements/s
                across 8 live sessions (benchmarks/load.py).
pipeline:       the seed pipeline through DynamicFrames vs plain DataFrames (benchmarks/pipeline.py).
inference:      Glue JSON schema inference on 1 M heterogeneous records (JsonInferenceBenchmark.java).
representation: typed stages through DynamicFrame vs DataFrame, CSV choice inference vs Spark's.
catalog_partitions: GetPartitions p50/p95 with an Expression selecting ~1 % of a 100,000-partition table,
                load rate and server RSS (benchmarks/catalog_partitions.py).
catalog_from_catalog: from_catalog with push_down_predicate over 10,000 partitions selecting 1 %: time from
                the call to the first Spark job, and to the count (benchmarks/catalog.py).
catalog_sql:    spark.sql with a partition filter over the same table in a --enable-glue-datacatalog session:
                time from the call to the first Spark job, and to the result (benchmarks/catalog_sql.py).
crawler:        one crawl over 10,000 JSON files in 1,000 partitions, in files/s, and an unchanged recrawl
                (benchmarks/crawler.py).
job_run:        StartJobRun -> RUNNING and -> SUCCEEDED for a trivial glueetl and a trivial pythonshell
                script, p50/p95 over N runs of each (benchmarks/job_run.py).
bookmark_plan:  an incremental job-bookmarked read over a prefix with 100,000 old small files and 100 new ones:
                time to plan (Job.init to the DynamicFrame) and to count, and the files opened (only the new
                ones; BookmarkPlanBenchmark.java).
jdbc:           reads of 2 M PostgreSQL rows through a Glue connection with hashpartitions 1, 2 and 4 against plain
                Spark JDBC with as many partitions, and 1 M-row writes with the default and a tuned bulkSize
                (benchmarks/jdbc.py).
kernel_latency: trivial `1+1` cells under the official Glue kernel (nbclient) p50/p95, first code cell of a fresh
                notebook (kernel + session start + statement) p50, and boto3 GetStatement polling, each with
                GetStatement's hold on and off (benchmarks/kernel_latency.py).
history:        server RSS, ListStatements (all pages) and DeleteSession times for 10/100/1,000 statements
                of 1 MiB (benchmarks/history.py; --history-counts 2,5 for a quick run).

--smoke runs each named benchmark once in a tiny configuration (seconds, figures meaningless): the
test suite does that for every benchmark, so a broken benchmark fails CI instead of rotting.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import EpoxyServer  # noqa: E402
from tests.e2e.sessions import create_session, run_ok, wait_ready  # noqa: E402
from machine import machine  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")




def bench_sessions(args) -> dict:
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        time.sleep(2)  # let the freshly started JVM settle before measuring its idle footprint
        idle_rss = rss_mb(server.process.pid)

        cold_starts = []
        for _ in range(args.sessions):
            started = time.monotonic()
            sid = create_session(glue)
            wait_ready(glue, sid)
            cold_starts.append(time.monotonic() - started)
            glue.delete_session(Id=sid)

        live = []
        for _ in range(args.live_sessions):
            sid = create_session(glue)
            live.append(sid)
        for sid in live:
            wait_ready(glue, sid)
        busy_rss = rss_mb(server.process.pid)

        sid = live[0]
        driver_pid = int(run_ok(glue, sid, "print(sc._jvm.java.lang.ProcessHandle.current().pid())"))
        python_pid = int(run_ok(glue, sid, "import os; print(os.getpid())"))
        driver_rss, python_rss = rss_mb(driver_pid), rss_mb(python_pid)

        overheads = []
        for _ in range(args.statements):
            started = time.monotonic()
            statement_id = glue.run_statement(SessionId=sid, Code="1+1")["Id"]
            while True:
                statement = glue.get_statement(SessionId=sid, Id=statement_id)["Statement"]
                if statement["State"] in {"AVAILABLE", "ERROR", "CANCELLED"}:
                    break
                time.sleep(0.005)
            overheads.append((time.monotonic() - started) * 1000)
            assert statement["Output"]["Data"]["TextPlain"] == "2", statement
        for sid in live:
            glue.delete_session(Id=sid)
    finally:
        server.stop()
    return {
        "cold_start_s": {"n": len(cold_starts), "p50": percentile(cold_starts, 0.5), "p95": percentile(cold_starts, 0.95)},
        "statement_overhead_ms": {"n": len(overheads), "p50": percentile(overheads, 0.5), "p95": percentile(overheads, 0.95),
                                  "mean": statistics.mean(overheads)},
        "server_rss_mb": {"idle": idle_rss, f"with_{args.live_sessions}_sessions": busy_rss},
        "driver_rss_mb": {"driver_jvm": driver_rss, "python_interpreter": python_rss},
    }


def bench_scala_sessions(args) -> dict:
    """Scala sessions: CreateSession to READY, to the first statement's output, and trivial-statement latency."""
    scala = {"--session-language": "scala"}
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        to_ready, to_first_output = [], []
        sid = None
        for _ in range(args.scala_sessions):
            started = time.monotonic()
            sid = create_session(glue, DefaultArguments=scala)
            wait_ready(glue, sid)
            to_ready.append(time.monotonic() - started)
            assert run_ok(glue, sid, "1 + 1", timeout=600).strip() == "res0: Int = 2"
            to_first_output.append(time.monotonic() - started)
            if len(to_ready) < args.scala_sessions:
                glue.delete_session(Id=sid)
        latencies = []
        for _ in range(args.scala_statements):
            started = time.monotonic()
            statement_id = glue.run_statement(SessionId=sid, Code="1 + 1")["Id"]
            while True:
                statement = glue.get_statement(SessionId=sid, Id=statement_id)["Statement"]
                if statement["State"] in {"AVAILABLE", "ERROR", "CANCELLED"}:
                    break
                time.sleep(0.005)
            latencies.append((time.monotonic() - started) * 1000)
            assert statement["Output"]["Status"] == "ok" and statement["Output"]["Data"]["TextPlain"].strip().endswith(": Int = 2"), statement
        glue.delete_session(Id=sid)
    finally:
        server.stop()
    return {
        "create_to_ready_s": {"n": len(to_ready), "p50": percentile(to_ready, 0.5), "max": max(to_ready)},
        "create_to_first_output_s": {"n": len(to_first_output), "p50": percentile(to_first_output, 0.5), "max": max(to_first_output)},
        "trivial_statement_ms": {"n": len(latencies), "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)},
    }


def bench_load(args) -> dict:
    import load

    return load.run([float(rate) for rate in args.load_rates.split(",")], args.load_sessions, args.load_duration)


def bench_pipeline(args) -> dict:
    import pipeline

    return pipeline.main(["--rows", str(args.rows), "--rounds", str(args.rounds)])


def java_benchmark(source: str, *program_args: str) -> dict:
    """Runs a single-file Java benchmark on the runtime jar, its dependencies and Spark's jars, with a 2 GB heap."""
    import glob
    import pyspark

    runtime_jar = next(jar for jar in glob.glob(str(REPO / "epoxy-runtime" / "target" / "epoxy-runtime-*.jar"))
                       if not jar.endswith(("-sources.jar", "-tests.jar")))
    spark_jars = os.path.join(os.path.dirname(pyspark.__file__), "jars", "*")
    # The runtime's own dependencies (epoxy-spark-catalog, the AWS SDK's Glue client), as drivers get them from the dist.
    driver_jars = str(REPO / "epoxy-dist" / "target" / "epoxy" / "driver" / "*")
    opens = [f"--add-opens=java.base/{package}=ALL-UNNAMED"
             for package in ("sun.nio.ch", "java.nio", "java.lang", "java.util", "java.lang.invoke")]
    command = ["java", "-Xmx2g", *opens, "-cp", f"{runtime_jar}:{driver_jars}:{spark_jars}", str(REPO / "benchmarks" / source), *program_args]
    started = time.monotonic()
    result = subprocess.run(command, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{source} failed with exit code {result.returncode}")
    return {"command": " ".join(command), "exit_code": result.returncode, "seconds": round(time.monotonic() - started, 1),
            "results": "printed above by the benchmark"}


def bench_history(args) -> dict:
    import history

    return history.main(["--counts", args.history_counts])


def bench_catalog_partitions(args) -> dict:
    import catalog_partitions

    return catalog_partitions.main(["--partitions", str(args.catalog_partitions), "--queries", str(args.catalog_queries)])


def bench_catalog_from_catalog(args) -> dict:
    import catalog

    return catalog.main(["--shards", str(args.catalog_shards), "--parts", str(args.catalog_parts),
                         "--rounds", str(args.catalog_rounds), "--pause-after-ready", str(args.pause_after_ready)])


def bench_catalog_sql(args) -> dict:
    import catalog_sql

    return catalog_sql.main(["--shards", str(args.catalog_shards), "--parts", str(args.catalog_parts),
                             "--rounds", str(args.catalog_rounds), "--pause-after-ready", str(args.pause_after_ready)])


def bench_crawler(args) -> dict:
    import crawler

    return crawler.main(["--files", str(args.crawler_files), "--partitions", str(args.crawler_partitions)])


def bench_job_run(args) -> dict:
    import job_run

    return job_run.main(["--runs", str(args.job_runs)])


def bench_jdbc(args) -> dict:
    import jdbc

    return jdbc.main(["--rows", str(args.jdbc_rows), "--write-rows", str(args.jdbc_write_rows), "--rounds", str(args.jdbc_rounds)])


def bench_kernel_latency(args) -> dict:
    import kernel_latency

    return kernel_latency.main(["--notebooks", str(args.kernel_notebooks), "--cells", str(args.kernel_cells),
                                "--cells-off", str(args.kernel_cells_off), "--polls", str(args.kernel_polls)])


def bench_inference(args) -> dict:
    return java_benchmark("JsonInferenceBenchmark.java", str(args.inference_records), str(args.java_rounds))


def bench_bookmark_plan(args) -> dict:
    return java_benchmark("BookmarkPlanBenchmark.java", str(args.bookmark_old_files), str(args.bookmark_new_files),
                          str(args.java_rounds))


def bench_representation(args) -> dict:
    return java_benchmark("RepresentationBenchmark.java", str(args.representation_rows), str(args.java_rounds))


BENCHMARKS = {"sessions": bench_sessions, "load": bench_load, "pipeline": bench_pipeline, "inference": bench_inference,
              "representation": bench_representation, "history": bench_history,
              "catalog_partitions": bench_catalog_partitions, "catalog_from_catalog": bench_catalog_from_catalog,
              "catalog_sql": bench_catalog_sql,
              "crawler": bench_crawler, "job_run": bench_job_run,
              "bookmark_plan": bench_bookmark_plan, "jdbc": bench_jdbc, "kernel_latency": bench_kernel_latency,
              "scala_sessions": bench_scala_sessions}


# --smoke sizes: each benchmark's code path once, in seconds.
SMOKE = {"sessions": 1, "live_sessions": 1, "statements": 3, "rows": 2000, "rounds": 1, "inference_records": 2000,
         "representation_rows": 2000, "java_rounds": 1,
         "load_rates": "4", "load_sessions": 1, "load_duration": 1, "history_counts": "2",
         "catalog_partitions": 500, "catalog_queries": 2,
         "catalog_shards": 10, "catalog_parts": 5, "catalog_rounds": 1,
         "crawler_files": 6, "crawler_partitions": 3, "job_runs": 1,
         "bookmark_old_files": 50, "bookmark_new_files": 5, "jdbc_rows": 2000, "jdbc_write_rows": 1000, "jdbc_rounds": 1,
         "kernel_notebooks": 1, "kernel_cells": 1, "kernel_cells_off": 1, "kernel_polls": 1,
         "scala_sessions": 1, "scala_statements": 2}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", default=["sessions", "pipeline", "inference"],
                        choices=list(BENCHMARKS), help="benchmarks to run (default: sessions pipeline inference)")
    parser.add_argument("--dist", help="the built dist directory (set by ./epoxy bench)")
    parser.add_argument("--sessions", type=int, default=7, help="cold starts to time")
    parser.add_argument("--live-sessions", type=int, default=5, help="sessions alive while the server's RSS is read")
    parser.add_argument("--statements", type=int, default=300, help="1+1 statements to time")
    parser.add_argument("--scala-sessions", type=int, default=3, help="Scala sessions to start in the scala_sessions benchmark")
    parser.add_argument("--scala-statements", type=int, default=50, help="trivial Scala statements to time")
    parser.add_argument("--load-rates", default="1,10,50", help="statements/s of the load benchmark, comma-separated")
    parser.add_argument("--load-sessions", type=int, default=8, help="live sessions the load is spread over")
    parser.add_argument("--load-duration", type=float, default=20, help="seconds of load per rate")
    parser.add_argument("--rows", type=int, default=5_000_000, help="orders in the seed pipeline benchmark")
    parser.add_argument("--history-counts", default="10,100,1000", help="statements of 1 MiB per session in the history benchmark")
    parser.add_argument("--catalog-partitions", type=int, default=100_000, help="partitions of the catalog_partitions table")
    parser.add_argument("--catalog-queries", type=int, default=50, help="timed GetPartitions calls of catalog_partitions")
    parser.add_argument("--crawler-files", type=int, default=10_000, help="JSON files of the crawler benchmark")
    parser.add_argument("--crawler-partitions", type=int, default=1_000, help="partitions the crawler benchmark's files are in")
    parser.add_argument("--job-runs", type=int, default=5, help="timed runs of each command in the job_run benchmark")
    parser.add_argument("--bookmark-old-files", type=int, default=100_000, help="old files of the bookmark_plan prefix")
    parser.add_argument("--bookmark-new-files", type=int, default=100, help="new files of the bookmark_plan prefix")
    parser.add_argument("--jdbc-rows", type=int, default=2_000_000, help="rows of the jdbc benchmark's PostgreSQL table")
    parser.add_argument("--jdbc-write-rows", type=int, default=1_000_000, help="rows each write of the jdbc benchmark writes")
    parser.add_argument("--jdbc-rounds", type=int, default=3, help="timed reads per variant of the jdbc benchmark")
    parser.add_argument("--kernel-notebooks", type=int, default=5, help="fresh notebooks of kernel_latency with the hold on")
    parser.add_argument("--kernel-cells", type=int, default=4, help="trivial cells after the first in each of those notebooks")
    parser.add_argument("--kernel-cells-off", type=int, default=20, help="trivial cells of kernel_latency's hold-off notebook")
    parser.add_argument("--kernel-polls", type=int, default=10, help="boto3 RunStatement -> AVAILABLE timings per session in kernel_latency")
    parser.add_argument("--rounds", type=int, default=7, help="counted rounds of the seed pipeline benchmark")
    parser.add_argument("--inference-records", type=int, default=1_000_000, help="records of the inference benchmark")
    parser.add_argument("--representation-rows", type=int, default=2_000_000, help="rows of the representation benchmark")
    parser.add_argument("--java-rounds", type=int, default=3, help="rounds of the Java benchmarks")
    parser.add_argument("--catalog-shards", type=int, default=100, help="shards (first partition key) of the catalog table")
    parser.add_argument("--catalog-parts", type=int, default=100, help="parts per shard (second partition key)")
    parser.add_argument("--catalog-rounds", type=int, default=5, help="from_catalog reads (and catalog_sql queries) to time")
    parser.add_argument("--pause-after-ready", type=float, default=0.0,
                        help="catalog_*: seconds between a session's READY and its first query (a user writing the first cell)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks that each benchmark runs, measures nothing")
    parser.add_argument("--report", help="also write the JSON report to this file")
    args = parser.parse_args(argv)
    if args.smoke:
        for name, value in SMOKE.items():
            setattr(args, name, value)
    if args.dist:
        os.environ["EPOXY_DIST"] = args.dist
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "./epoxy bench " + " ".join(sys.argv[1:] if argv is None else argv)}
    for name in args.names:
        report[name] = BENCHMARKS[name](args)
        print(json.dumps({name: report[name]}, indent=2), flush=True)
    print(json.dumps(report, indent=2))
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
