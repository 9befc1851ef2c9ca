"""Glue jobs with Scala scripts through boto3: a glueetl job with --job-language scala and --class is
compiled at run start and its object's main(sysArgs) runs, as on Glue. The written data is read back
with pyarrow; expected values are computed here."""
from __future__ import annotations

import random
import textwrap
import uuid

import boto3
import pyarrow.parquet as pq
import pytest

from .epoxy_server import CREDENTIALS, REGION, ROLE, wait_until

TERMINAL = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}
SPARK_RUN_TIMEOUT = 300

SCALING_APP = """
import com.amazonaws.services.glue.{DynamicFrame, GlueContext}
import com.amazonaws.services.glue.util.{GlueArgParser, JsonOptions}
import org.apache.spark.SparkContext

object ScalingApp {
  def main(sysArgs: Array[String]): Unit = {
    val args = GlueArgParser.getResolvedOptions(sysArgs, Array("JOB_NAME", "output", "factor"))
    val sc = new SparkContext()
    val glueContext = new GlueContext(sc)
    val spark = glueContext.getSparkSession
    import spark.implicits._
    val factor = args("factor").toInt
    // A closure over a script value: executors load the script's classes.
    val frame = sc.parallelize(1 to 20, 2).map(i => (i.toLong, i * factor)).toDF("id", "scaled")
    glueContext.getSinkWithFormat(connectionType = "s3", options = JsonOptions(Map("path" -> args("output"))),
      format = "parquet").writeDynamicFrame(DynamicFrame(frame, glueContext))
    println(s"wrote ${frame.count} rows for ${args("JOB_NAME")}")
  }
}
"""


@pytest.fixture(scope="module")
def s3(server):
    client = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket="scala-jobs")
    return client


def create_scala_job(glue, s3, code: str, main_class: str) -> tuple[str, str]:
    name = f"scala-{uuid.uuid4().hex[:8]}"
    key = f"scripts/{name}.scala"
    s3.put_object(Bucket="scala-jobs", Key=key, Body=textwrap.dedent(code).encode())
    glue.create_job(Name=name, Role=ROLE, GlueVersion="5.0",
                    Command={"Name": "glueetl", "ScriptLocation": f"s3://scala-jobs/{key}"},
                    DefaultArguments={"--job-language": "scala", "--class": main_class})
    return name, key


def run_to_end(glue, job: str, arguments: dict | None = None) -> dict:
    run_id = glue.start_job_run(JobName=job, Arguments=arguments or {})["JobRunId"]
    return wait_until(lambda: (lambda run: run if run["JobRunState"] in TERMINAL else None)(
        glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]), timeout=SPARK_RUN_TIMEOUT, interval=0.5,
        message=f"run {run_id} of {job} to end")


def test_scala_script_is_compiled_and_its_main_runs_with_the_job_arguments(glue, s3, server):
    job, _ = create_scala_job(glue, s3, SCALING_APP, "ScalingApp")
    factor = random.randint(2, 99)
    run = run_to_end(glue, job, {"--output": "s3://scala-jobs/scaled/", "--factor": str(factor)})
    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")

    rows = pq.read_table(server.home / "s3" / "scala-jobs" / "scaled").to_pylist()
    assert sorted(rows, key=lambda row: row["id"]) == [{"id": i, "scaled": i * factor} for i in range(1, 21)]


def test_a_compile_error_fails_the_run_with_the_compilers_message_and_line(glue, s3):
    job, key = create_scala_job(glue, s3, """
        object Broken {
          def main(sysArgs: Array[String]): Unit = {
            println(undefinedThing)
          }
        }
    """, "Broken")
    run = run_to_end(glue, job)
    assert run["JobRunState"] == "FAILED"
    script = key.rsplit("/", 1)[1]
    assert f"{script}:4: error: not found: value undefinedThing" in run["ErrorMessage"], run["ErrorMessage"]


def test_an_exception_in_main_fails_the_run_with_it(glue, s3):
    job, _ = create_scala_job(glue, s3, """
        object Failing {
          def main(sysArgs: Array[String]): Unit = throw new IllegalStateException("no input for 2026-12-03")
        }
    """, "Failing")
    run = run_to_end(glue, job)
    assert run["JobRunState"] == "FAILED"
    assert "IllegalStateException" in run["ErrorMessage"] and "no input for 2026-12-03" in run["ErrorMessage"], run["ErrorMessage"]
