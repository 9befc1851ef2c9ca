"""./epoxy notebook-to-job against a real server: a notebook becomes a job script, a job and a run.

The command is run as `./epoxy notebook-to-job` runs it (java with the dist's lib/ on the classpath; the script
itself would first rebuild the dist when sources changed, which a test must not do). The notebook of the last test
is executed by the official Glue kernel in a real session first, saved as Jupyter saves it, then converted; the job
must write the same rows the notebook did, and both must match rows computed here from the generated orders.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import uuid
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import boto3
import nbformat
import pytest
from nbclient import NotebookClient

from .epoxy_server import CREDENTIALS, REGION, ROLE, dist, required_aws_cli, wait_until
from .orders import generate_orders
from .sessions import wait_for_status

# The fixtures and helpers of the official-kernel tests: a HOME of the test's own, a proxy trapping internet traffic,
# and `./epoxy jupyter`'s set-up.
from .test_official_kernel import home, session_id_in, setup_epoxy_kernel, trap  # noqa: F401

TERMINAL_RUN_STATES = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}
# A job run is a Spark application of its own: tens of seconds to start on a loaded machine.
RUN_TIMEOUT = 300


def notebook_to_job(server, *args: str) -> subprocess.CompletedProcess:
    """What `./epoxy notebook-to-job ARGS` runs once the dist is built, with this server's endpoints."""
    command = [shutil.which("java") or "java", "-cp", f"{dist()}/lib/*", "dev.epoxy.cli.NotebookToJobMain", *args,
               "--endpoint", server.endpoint, "--s3-endpoint", server.s3_endpoint]
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"], "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
                "AWS_REGION": REGION})
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def write_notebook(path: Path, *cells) -> Path:
    """Saves the cells as Jupyter does (nbformat 4, the Glue PySpark kernelspec)."""
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"display_name": "Glue PySpark", "language": "python", "name": "glue_pyspark"}
    nbformat.write(notebook, str(path))
    return path


def code(source: str):
    return nbformat.v4.new_code_cell(source)


def markdown(source: str):
    return nbformat.v4.new_markdown_cell(source)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def s3(server):
    return boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)


def job_tags(server, job_name: str) -> dict:
    account = server.sts().get_caller_identity()["Account"]
    return server.glue().get_tags(ResourceArn=f"arn:aws:glue:{REGION}:{account}:job/{job_name}")["Tags"]


def test_notebook_becomes_files_an_uploaded_script_and_a_registered_job(server, s3, tmp_path):
    name = unique("nb-convert")
    notebook = write_notebook(
        tmp_path / "convert.ipynb",
        markdown("# Nightly counts"),
        code(f"%iam_role {ROLE}\n%glue_version 5.0\n%worker_type G.1X\n%number_of_workers 2\n%timeout 30\n%idle_timeout 30"),
        code('%%tags\n{"team": "analytics"}'),
        code('%%configure\n{"--datalake-formats": "delta", "extra_jars": "s3://libs/x.jar"}'),
        code("%%sql\nSELECT 1 AS one"),
        code("print(spark.range(5).count())"))

    result = notebook_to_job(server, str(notebook), "--job-name", name, "--output-dir", str(tmp_path / "out"),
                             "--script-location", f"s3://nb-scripts/{name}.py", "--create")

    assert result.returncode == 0, result.stderr
    script = (tmp_path / "out" / f"{name}.py").read_text()
    ast.parse(script)  # a valid Python module
    assert 'spark.sql("""SELECT 1 AS one""").show()' in script
    assert script.rstrip().endswith("job.commit()")
    definition = json.loads((tmp_path / "out" / f"{name}.job.json").read_text())
    assert definition["Command"] == {"Name": "glueetl", "ScriptLocation": f"s3://nb-scripts/{name}.py", "PythonVersion": "3"}
    assert f"Uploaded the script to s3://nb-scripts/{name}.py" in result.stdout
    assert f"Created the job {name}" in result.stdout
    # The uploaded object is the script written locally, and sessions' s3:// sees it under the home directory.
    uploaded = s3.get_object(Bucket="nb-scripts", Key=f"{name}.py")["Body"].read().decode()
    assert uploaded == script
    assert (server.home / "s3" / "nb-scripts" / f"{name}.py").read_text() == script

    job = server.glue().get_job(JobName=name)["Job"]
    assert job["Role"] == ROLE
    assert job["Command"]["Name"] == "glueetl"
    assert job["Command"]["ScriptLocation"] == f"s3://nb-scripts/{name}.py"
    assert (job["GlueVersion"], job["WorkerType"], job["NumberOfWorkers"], job["Timeout"]) == ("5.0", "G.1X", 2, 30)
    assert job["DefaultArguments"] == {"--enable-glue-datacatalog": "true", "--datalake-formats": "delta", "--extra-jars": "s3://libs/x.jar"}
    assert job_tags(server, name) == {"team": "analytics"}

    # NAME.job.json is a CreateJob request that the AWS CLI takes as it is (--name overrides the document's).
    document = tmp_path / "out" / f"{name}.job.json"
    created = subprocess.run([required_aws_cli(), "--endpoint-url", server.endpoint, "--output", "json", "glue", "create-job",
                              "--cli-input-json", f"file://{document}", "--name", f"{name}-cli"],
                             capture_output=True, text=True, env=server.cli_env(), timeout=120)
    assert created.returncode == 0, created.stderr
    by_cli = server.glue().get_job(JobName=f"{name}-cli")["Job"]
    for member in ("Role", "Command", "DefaultArguments", "GlueVersion", "WorkerType", "NumberOfWorkers", "Timeout", "Description"):
        assert by_cli[member] == job[member], member

    # Converting again updates the job in place.
    write_notebook(notebook, code("%number_of_workers 3\nprint(1)"))
    again = notebook_to_job(server, str(notebook), "--job-name", name, "--output-dir", str(tmp_path / "out"), "--create")
    assert again.returncode == 0, again.stderr
    assert f"Updated the job {name}" in again.stdout
    updated = server.glue().get_job(JobName=name)["Job"]
    assert updated["NumberOfWorkers"] == 3
    # Without --script-location the job runs the local file.
    assert updated["Command"]["ScriptLocation"] == str(tmp_path / "out" / f"{name}.py")


def test_errors_are_one_line_and_exit_one(server, tmp_path):
    unknown = write_notebook(tmp_path / "unknown.ipynb", code("x = 1"), code("%glue_versoin 5.0\nprint(x)"))
    result = notebook_to_job(server, str(unknown), "--job-name", unique("nb-bad"), "--output-dir", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"epoxy notebook-to-job: {unknown}: Cell 2, line 1: unknown magic %glue_versoin (not a magic of the Glue kernel; "
        "remove the line or replace it with Python code)"]
    assert not list(tmp_path.glob("*.py"))

    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    result = notebook_to_job(server, str(broken), "--job-name", unique("nb-bad"), "--output-dir", str(tmp_path))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"epoxy notebook-to-job: {broken}: Not a notebook: the file is not valid JSON")

    # The server refuses what the service model refuses: one line with the error code, no stack trace.
    refused = write_notebook(tmp_path / "refused.ipynb", code("%worker_type G.9X\n%number_of_workers 2\nprint(1)"))
    name = unique("nb-bad")
    result = notebook_to_job(server, str(refused), "--job-name", name, "--output-dir", str(tmp_path), "--create")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"epoxy notebook-to-job: Registering the job {name} failed: InvalidInputException: "), result.stderr
    assert "'G.9X'" in result.stderr

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    ok = write_notebook(tmp_path / "ok.ipynb", code("print(1)"))
    command = [shutil.which("java") or "java", "-cp", f"{dist()}/lib/*", "dev.epoxy.cli.NotebookToJobMain", str(ok),
               "--job-name", unique("nb-down"), "--output-dir", str(tmp_path), "--create", "--endpoint", f"http://127.0.0.1:{closed}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"epoxy notebook-to-job: Cannot reach Epoxy's Glue endpoint at http://127.0.0.1:{closed} (Connection refused); "
        "is ./epoxy server running there? (--endpoint / --s3-endpoint)"]


def expected_rows(orders: list[dict]) -> set[tuple]:
    groups = defaultdict(list)
    for order in orders:
        if order["status"] != "CANCELLED":
            groups[order["region"]].append(Decimal(order["total_amount"]))
    return {(region, len(amounts), str(sum(amounts))) for region, amounts in groups.items()}


def rows_in(directory: Path) -> set[tuple]:
    rows = set()
    files = sorted(directory.glob("part-*.json"))
    assert files, f"no JSON output in {directory}"
    for file in files:
        for line in file.read_text().splitlines():
            row = json.loads(line)
            rows.add((row["region"], row["orders"], row["revenue"]))
    return rows


def execute(kernel: str, cells: list):
    """Runs the notebook with the kernelspec as Jupyter would (nbclient), outputs kept in the cells."""
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"display_name": "Glue PySpark (Epoxy)", "language": "python", "name": kernel}
    NotebookClient(notebook, kernel_name=kernel, timeout=300, startup_timeout=120, allow_errors=False).execute()
    return notebook


def test_notebook_run_in_a_session_and_its_job_write_the_same_rows(server, home, trap, tmp_path):
    orders = generate_orders(900)
    raw = server.home / "s3" / "nb-orders" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for part in range(3):
        (raw / f"part-{part}.json").write_text("".join(json.dumps(order) + "\n" for order in orders[part::3]))
    expected = expected_rows(orders)

    cells = [
        markdown("# Orders per region\nDeveloped in a session; `./epoxy notebook-to-job` makes it a job."),
        code(f"%iam_role {ROLE}\n%idle_timeout 30\n%glue_version 5.0\n%worker_type G.1X\n%number_of_workers 2\n"
             "%spark_conf spark.sql.shuffle.partitions=3"),
        code('%%tags\n{"team": "analytics"}'),
        code('import sys\n'
             'from awsglue.context import GlueContext\n'
             'from awsglue.utils import getResolvedOptions\n'
             'from pyspark.context import SparkContext\n'
             '\n'
             '# In a job the output path is an argument; in the session, the notebook\'s own.\n'
             'if "--JOB_NAME" in sys.argv:\n'
             '    args = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path"])\n'
             'else:\n'
             '    args = {"JOB_NAME": "notebook", "output_path": "s3://nb-out/notebook/"}\n'
             '\n'
             'glueContext = GlueContext(SparkContext.getOrCreate())'),
        code('orders = glueContext.create_dynamic_frame.from_options(\n'
             '    connection_type="s3", connection_options={"paths": ["s3://nb-orders/raw/"]}, format="json")\n'
             'orders.toDF().createOrReplaceTempView("orders")\n'
             'print(orders.count())'),
        code('%%sql\n'
             'CREATE OR REPLACE TEMPORARY VIEW per_region AS\n'
             'SELECT region, COUNT(*) AS orders, CAST(SUM(CAST(total_amount AS DECIMAL(10,2))) AS STRING) AS revenue\n'
             'FROM orders\n'
             'WHERE status <> "CANCELLED"\n'
             'GROUP BY region'),
        code('!echo writing the summary\n'
             'spark.table("per_region").coalesce(1).write.mode("overwrite").json(args["output_path"])\n'
             'print("written to", args["output_path"])'),
    ]

    # 1. The notebook in a session, through the official kernel, saved with its outputs as Jupyter saves it.
    setup_epoxy_kernel(server)
    executed = execute("glue_pyspark_epoxy", cells)
    outputs = ["".join(output.get("text", "") for output in cell.get("outputs", []) if output.get("output_type") == "stream")
               for cell in executed.cells]
    assert outputs[4].strip().splitlines()[-1] == str(len(orders)), outputs[4]
    assert "written to s3://nb-out/notebook/" in outputs[6], outputs[6]
    session_id = session_id_in("".join(outputs))
    # One Spark application at a time: the kernel stops its session at shutdown; wait until it is gone.
    wait_for_status(server.glue(), session_id, {"STOPPED", "FAILED", "TIMEOUT"}, timeout=120)
    notebook_rows = rows_in(server.home / "s3" / "nb-out" / "notebook")
    assert notebook_rows == expected
    saved = tmp_path / "orders_per_region.ipynb"
    nbformat.write(executed, str(saved))

    # 2. The saved notebook as a job, uploaded, registered and started in one go.
    name = unique("nb-orders")
    result = notebook_to_job(server, str(saved), "--job-name", name, "--output-dir", str(tmp_path / "job"),
                             "--script-location", f"s3://nb-scripts/{name}.py", "--start",
                             "--arguments", json.dumps({"--output_path": "s3://nb-out/job/"}))
    assert result.returncode == 0, result.stderr
    match = re.search(r"^Started the run (\S+) of the job ", result.stdout, re.MULTILINE)
    assert match, result.stdout
    run_id = match.group(1)
    assert f"aws glue get-job-run --job-name {name} --run-id {run_id} --endpoint-url {server.endpoint}" in result.stdout
    assert f"./epoxy job-log {run_id}" in result.stdout
    script = (tmp_path / "job" / f"{name}.py").read_text()
    assert "# !echo writing the summary" in script

    job = server.glue().get_job(JobName=name)["Job"]
    assert (job["GlueVersion"], job["WorkerType"], job["NumberOfWorkers"]) == ("5.0", "G.1X", 2)
    assert job["DefaultArguments"]["--conf"] == "spark.sql.shuffle.partitions=3"
    assert job_tags(server, name) == {"team": "analytics"}

    run = wait_until(
        lambda: (lambda r: r if r["JobRunState"] in TERMINAL_RUN_STATES else None)(
            server.glue().get_job_run(JobName=name, RunId=run_id)["JobRun"]),
        timeout=RUN_TIMEOUT, interval=1, message=f"run {run_id} of {name} to end")
    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")
    assert run["Arguments"]["--output_path"] == "s3://nb-out/job/"

    # 3. The same rows, from the job's own output path.
    assert rows_in(server.home / "s3" / "nb-out" / "job") == notebook_rows
