#!/usr/bin/env python3
"""Job run benchmark (issue 8): StartJobRun → RUNNING and StartJobRun → SUCCEEDED for a trivial
glueetl script (a Spark application: `spark.range(10).count()` with the awsglue runtime) and a trivial
pythonshell script (`print`), seen by a client polling GetJobRun every 50 ms; p50 and p95 over N
runs of each, one run at a time. AWS documents minutes of start-up for Spark jobs.

    python benchmarks/job_run.py               # 5 runs of each
    python benchmarks/job_run.py --runs 2
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import boto3

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import CREDENTIALS, REGION, EpoxyServer  # noqa: E402
from machine import machine  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/GlueJobRole"
TERMINAL = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}
SCRIPTS = {
    "glueetl": """
import sys
from awsglue.utils import getResolvedOptions
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.context import SparkContext
args = getResolvedOptions(sys.argv, ['JOB_NAME'])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args['JOB_NAME'], args)
print(glueContext.spark_session.range(10).count())
job.commit()
""",
    "pythonshell": "print('hello')\n",
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def time_run(glue, job: str, timeout: float) -> tuple[float, float]:
    started = time.monotonic()
    run_id = glue.start_job_run(JobName=job)["JobRunId"]
    running_at = None
    while True:
        run = glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]
        now = time.monotonic()
        if running_at is None and run["JobRunState"] != "STARTING":
            running_at = now
        if run["JobRunState"] in TERMINAL:
            break
        if now - started > timeout:
            raise RuntimeError(f"run {run_id} of {job} did not end within {timeout} s")
        time.sleep(0.05)
    if run["JobRunState"] != "SUCCEEDED":
        raise RuntimeError(f"run {run_id} of {job} ended {run['JobRunState']}: {run.get('ErrorMessage')}")
    return running_at - started, now - started


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one run may take")
    args = parser.parse_args(argv)
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
        s3.create_bucket(Bucket="bench-scripts")
        results = {}
        for command, script in SCRIPTS.items():
            s3.put_object(Bucket="bench-scripts", Key=f"{command}.py", Body=script.encode())
            job = f"bench-{command}"
            glue.create_job(Name=job, Role=ROLE, Command={"Name": command, "ScriptLocation": f"s3://bench-scripts/{command}.py"})
            to_running, to_succeeded = [], []
            for _ in range(args.runs):
                running, succeeded = time_run(glue, job, args.timeout)
                to_running.append(running)
                to_succeeded.append(succeeded)
            results[command] = {
                "n": args.runs,
                "start_to_running_s": {"p50": percentile(to_running, 0.5), "p95": percentile(to_running, 0.95)},
                "start_to_succeeded_s": {"p50": percentile(to_succeeded, 0.5), "p95": percentile(to_succeeded, 0.95)},
            }
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    print(json.dumps({"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(), "job_run": main()}, indent=2))
