"""`./epoxy run`: a Glue script run locally, without a registered job (docs/jobs-runs.md).

Real processes throughout: ./epoxy, the Java launcher, spark-submit with the awsglue runtime, the
server (for the catalog) and boto3 against its S3 endpoint to read what the script wrote.
"""
import json
import os
import re
import subprocess
import sys
import uuid

import boto3

from .epoxy_server import CREDENTIALS, REGION, REPO, dist, free_port

RUN_TIMEOUT = 600

GLUE_SCRIPT = '''
import json
import sys
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path", "database", "input_path"])
sc = SparkContext.getOrCreate()
glue_context = GlueContext(sc)
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

# The catalog, through the server's Glue endpoint (--enable-glue-datacatalog).
print("database seen:", spark.sql("SHOW DATABASES").filter("namespace = '%s'" % args["database"]).count())

rows = [(n, n * n) for n in range(1, 11)]
spark.createDataFrame(rows, ["n", "square"]).coalesce(1).write.mode("overwrite").json(args["output_path"])
glue_context.get_logger().info("wrote %d rows" % len(rows))
print("script printed for", args["JOB_NAME"])

# A bookmarked source: job.commit() records what it read in the bookmark epoxy run keeps.
new_records = glue_context.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args["input_path"]]}, format="json",
    transformation_ctx="squares_in").count()
print("new input records:", new_records)
job.commit()
'''


def run_epoxy(home, *args, timeout=RUN_TIMEOUT):
    env = dict(os.environ)
    env["EPOXY_DIST"] = str(dist())
    env.setdefault("EPOXY_SESSION_PYTHON", sys.executable)
    command = [str(REPO / "epoxy"), "run", "--home", str(home), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


def s3_client(server):
    return boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)


def test_glue_script_writes_to_s3_streams_its_output_and_keeps_its_bookmark(server, glue, tmp_path):
    database = "run_" + uuid.uuid4().hex[:8]
    glue.create_database(DatabaseInput={"Name": database})
    bucket = "run-" + uuid.uuid4().hex[:8]
    s3 = s3_client(server)
    s3.create_bucket(Bucket=bucket)
    script = tmp_path / "squares.py"
    script.write_text(GLUE_SCRIPT)
    bookmark = server.home / "bookmarks" / "squares-job.json"
    inputs = {"in/a.json": [{"x": 1}, {"x": 2}], "in/b.json": [{"x": 3}]}
    for key, records in inputs.items():
        s3.put_object(Bucket=bucket, Key=key, Body="\n".join(json.dumps(r) for r in records).encode())

    result = run_epoxy(server.home, "--endpoint", server.endpoint, str(script),
                       "--JOB_NAME", "squares-job", "--output_path", f"s3://{bucket}/squares/", "--database", database,
                       "--input_path", f"s3://{bucket}/in/", "--job-bookmark-option", "job-bookmark-enable", "--enable-glue-datacatalog", "true")

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # The script's prints and its Glue logger, streamed to the terminal.
    assert "script printed for squares-job" in result.stdout
    assert "database seen: 1" in result.stdout
    assert "wrote 10 rows" in result.stdout
    assert f"new input records: {sum(len(r) for r in inputs.values())}" in result.stdout
    assert "epoxy run: SUCCEEDED" in result.stderr
    # What the script wrote, read back through the server's S3 endpoint.
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket, Prefix="squares/")["Contents"]]
    parts = [key for key in keys if key.rsplit("/", 1)[-1].startswith("part-")]
    rows = []
    for key in parts:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
        rows += [json.loads(line) for line in body.splitlines() if line.strip()]
    assert sorted((row["n"], row["square"]) for row in rows) == [(n, n ** 2) for n in range(1, 11)]
    # The committed state replaced the bookmark, and the run's log stays where job-log finds it.
    state = json.loads(bookmark.read_text())
    assert state["job"] == "squares-job"
    assert state["sources"]["squares_in"]["kind"] == "s3"
    assert state["sources"]["squares_in"]["paths"] == [f"s3://{bucket}/in/"]
    run_id = re.search(r"^epoxy run: job squares-job, run (jr_[0-9a-f]{64}), log ", result.stderr, re.MULTILINE).group(1)
    log = subprocess.run([str(REPO / "epoxy"), "job-log", "--home", str(server.home), run_id], capture_output=True, text=True, timeout=60)
    assert log.returncode == 0, log.stderr
    assert "script printed for squares-job" in log.stdout


def test_failing_script_exits_1_with_the_error_line(tmp_path):
    script = tmp_path / "fails.py"
    script.write_text("print('before the error')\nraise ValueError('no input for ' + 'today')\n")
    home = tmp_path / "home"
    nobody = f"http://127.0.0.1:{free_port()}"

    result = run_epoxy(home, "--endpoint", nobody, "--type", "pythonshell", str(script), "--JOB_NAME", "fails")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "before the error" in result.stdout
    assert "Traceback (most recent call last):" in result.stdout
    assert "epoxy run: FAILED: ValueError: no input for today (log: " in result.stderr
    # Without a server the run still runs, and says what will not work.
    assert f"no Epoxy server answers at {nobody}" in result.stderr
    assert not (home / "bookmarks" / "fails.json").exists()


def test_missing_script_and_bad_arguments(tmp_path):
    home = tmp_path / "home"
    nobody = f"http://127.0.0.1:{free_port()}"
    missing = tmp_path / "absent.py"

    result = run_epoxy(home, "--endpoint", nobody, "--type", "pythonshell", str(missing))
    assert result.returncode == 1
    assert f"epoxy run: FAILED: ScriptLocation {missing} does not exist" in result.stderr

    result = run_epoxy(home, "--endpoint", nobody, str(missing), "--JOB_NAME")
    assert result.returncode == 2
    assert "epoxy run: --JOB_NAME needs a value" in result.stderr
