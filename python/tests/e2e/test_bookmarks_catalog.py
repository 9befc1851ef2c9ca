"""Job bookmarks over a partitioned catalog table, in a real session against the server's Glue API.

boto3 defines the table and its partitions; each "run" is a statement doing what a job script does
(Job.init with the launcher's Spark settings, from_catalog with push_down_predicate and a
transformation_ctx, count, job.commit). The commit file becomes the next run's state file, as the
server hands it back. Old files are proven never to be opened: once read, their content is replaced
by many more records with the modification time put back, so a run that opened one would count too
many. Expected counts come from the records this test wrote.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .sessions import create_session, run_ok, wait_ready
from .test_catalog_reads import JSON_SERDE, TEXT_INPUT, TEXT_OUTPUT, create_table

RUN = """
spark.conf.set("spark.epoxy.job.bookmark-option", "job-bookmark-enable")
spark.conf.set("spark.epoxy.job.bookmark-commit-file", {commit!r})
{state_setting}
job = Job(glueContext)
job.init("events_job", {{"JOB_NAME": "events_job"}})
events = glueContext.create_dynamic_frame.from_catalog(database="bookmark_db", table_name="events",
                                                        push_down_predicate="month == '02'", transformation_ctx="events")
print(json.dumps({{"count": events.count(), "columns": events.toDF().columns}}))
job.commit()
"""


@pytest.fixture(scope="module")
def events_table(glue, server):
    root = server.home / "s3" / "bookmarks" / "events"
    create_table(glue, "bookmark_db", "events", "s3://bookmarks/events/", [("id", "bigint"), ("file", "string")], JSON_SERDE,
                 parameters={"classification": "json"}, partition_keys=[("month", "string")])
    response = glue.batch_create_partition(DatabaseName="bookmark_db", TableName="events", PartitionInputList=[{
        "Values": [month],
        "StorageDescriptor": {"Location": f"s3://bookmarks/events/month={month}/", "InputFormat": TEXT_INPUT,
                              "OutputFormat": TEXT_OUTPUT, "SerdeInfo": {"SerializationLibrary": JSON_SERDE}},
    } for month in ("01", "02")])
    assert not response.get("Errors"), response
    return root


@pytest.fixture(scope="module")
def job_session(glue, events_table):
    sid = create_session(glue)
    wait_ready(glue, sid)
    run_ok(glue, sid, """
import json
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
""")
    yield sid
    glue.stop_session(Id=sid)


def write(path: Path, name: str, count: int) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": i, "file": name}) + "\n" for i in range(count)))
    return count


def overwrite_keeping_mtime(path: Path, count: int) -> None:
    stat = os.stat(path)
    write(path, "rewritten", count)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def job_run(glue, sid, tmp_path: Path, commit: str, state: str | None) -> dict:
    state_setting = ('spark.conf.set("spark.epoxy.job.bookmark-state-file", %r)' % str(tmp_path / state) if state
                     else 'spark.conf.unset("spark.epoxy.job.bookmark-state-file")')
    output = run_ok(glue, sid, RUN.format(commit=str(tmp_path / commit), state_setting=state_setting))
    return json.loads(output.strip().splitlines()[-1])


def test_bookmarked_from_catalog_reads_only_new_files_of_the_selected_partition(glue, job_session, events_table, tmp_path):
    sid = job_session
    january = events_table / "month=01"
    february = events_table / "month=02"
    write(january / "a.json", "a", 5)
    first = write(february / "b.json", "b", 3)
    assert job_run(glue, sid, tmp_path, "commit-1.json", None)["count"] == first

    overwrite_keeping_mtime(february / "b.json", 1000)
    write(january / "c.json", "c", 7)
    second = write(february / "d.json", "d", 2) + write(february / "e.json", "e", 4)
    (tmp_path / "state-2.json").write_text((tmp_path / "commit-1.json").read_text())
    assert job_run(glue, sid, tmp_path, "commit-2.json", "state-2.json")["count"] == second

    state = json.loads((tmp_path / "commit-2.json").read_text())
    source = state["sources"]["events"]
    assert source["kind"] == "s3" and source["paths"] == ["bookmark_db.events"]
    assert all("/month=02/" in path for path in source["files_at_high_water"])

    # Nothing new in the selected partition: an empty frame with the table's columns, and the state unchanged.
    (tmp_path / "state-3.json").write_text((tmp_path / "commit-2.json").read_text())
    third = job_run(glue, sid, tmp_path, "commit-3.json", "state-3.json")
    assert third == {"count": 0, "columns": ["id", "file", "month"]}
    assert json.loads((tmp_path / "commit-3.json").read_text())["sources"] == state["sources"]
