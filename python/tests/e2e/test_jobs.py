"""Glue jobs end to end: a real server of this module's own, boto3 and the AWS CLI v2, real runs.

glueetl runs are Spark applications (15-30 s each on this machine), so only the seed's job script runs
on Spark; the lifecycle cases (failures, retries, concurrency, stop, delete, timeout) use pythonshell
jobs, plain Python processes. Scripts and data go in through the server's S3 endpoint. Expected values
are computed here from the generated data; the job's parquet output is read back by a plain local
PySpark outside Epoxy.
"""
import json
import os
import subprocess
import sys
import textwrap
import uuid
import zipfile
from decimal import Decimal

import boto3
import pytest
from botocore.exceptions import ClientError

from .epoxy_server import CREDENTIALS, REGION, EpoxyServer, required_aws_cli, wait_until
from .orders import expected_summary, generate_orders

ROLE = "arn:aws:iam::123456789012:role/GlueJobRole"
ACCOUNT = "123456789012"
TERMINAL = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}
# A glueetl run is a Spark application of its own; a pythonshell run a Python process.
SPARK_RUN_TIMEOUT = 300
SHELL_RUN_TIMEOUT = 90

# The seed's "Converting to a Glue Job" script, with "# ... all your transforms ..." being the
# notebook's transform cells (test_seed_notebook.py runs them in a session), unchanged.
SEED_JOB_SCRIPT = '''
# Production Glue job script generated from interactive session
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.context import SparkContext
from pyspark.sql import functions as F
from awsglue.dynamicframe import DynamicFrame

# Get job parameters
args = getResolvedOptions(sys.argv, ['JOB_NAME', 'output_path'])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Your notebook code goes here (unchanged)
orders_dyf = glueContext.create_dynamic_frame.from_catalog(
    database="sales_db",
    table_name="raw_orders"
)

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
resolved = ResolveChoice.apply(
    frame=mapped_orders,
    choice="make_struct"
)
cleaned = DropNullFields.apply(frame=resolved)
orders_df = cleaned.toDF()
daily_summary = orders_df.groupBy(
    "region",
    F.date_format("order_date", "yyyy-MM-dd").alias("order_day")
).agg(
    F.count("order_id").alias("total_orders"),
    F.sum("total_amount").alias("total_revenue"),
    F.avg("total_amount").alias("avg_order_value"),
    F.countDistinct("customer_id").alias("unique_customers")
)
summary_dyf = DynamicFrame.fromDF(daily_summary, glueContext, "summary")

glueContext.write_dynamic_frame.from_options(
    frame=summary_dyf,
    connection_type="s3",
    connection_options={
        "path": args['output_path'],
        "partitionKeys": ["region"]
    },
    format="parquet"
)

job.commit()
'''

# Runs until it is stopped: the lifecycle tests need a run that is RUNNING for as long as they look.
# It writes its pid where the test reads it, to check afterwards that the process is gone.
ENDLESS_SCRIPT = '''
import os, sys, time
from awsglue.utils import getResolvedOptions
args = getResolvedOptions(sys.argv, ['pid_file'])
with open(args['pid_file'] + '.tmp', 'w') as out:
    out.write(str(os.getpid()))
os.replace(args['pid_file'] + '.tmp', args['pid_file'])
while True:
    time.sleep(0.2)
'''


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def server():
    """A server of this module's own: the seed script's sales_db must not meet another module's."""
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


@pytest.fixture(scope="module")
def glue(server):
    return server.glue()


@pytest.fixture(scope="module")
def s3(server):
    client = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket="job-scripts")
    return client


def put_script(s3, name, code):
    key = f"scripts/{name}.py"
    s3.put_object(Bucket="job-scripts", Key=key, Body=textwrap.dedent(code).encode())
    return f"s3://job-scripts/{key}"


def create_shell_job(glue, s3, code, **extra):
    name = unique("shell")
    glue.create_job(Name=name, Role=ROLE, Command={"Name": "pythonshell", "ScriptLocation": put_script(s3, name, code), "PythonVersion": "3.9"},
                    **extra)
    return name


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def wait_for_run(glue, job, run_id, states=TERMINAL, timeout=SHELL_RUN_TIMEOUT):
    return wait_until(lambda: (lambda run: run if run["JobRunState"] in states else None)(
        glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]), timeout=timeout, interval=0.2, message=f"run {run_id} of {job} to reach {states}")


def run_log(server, run_id):
    """The run's log, where docs/jobs-runs.md says it is: <home>/job-runs/<run id>/driver.log."""
    log = server.home / "job-runs" / run_id / "driver.log"
    assert log.is_file(), f"no log of run {run_id} at {log}"
    return log.read_text(errors="replace")


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only a reaped or running process is visible as alive here.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def start_endless(glue, s3, server, **job_extra):
    job = create_shell_job(glue, s3, ENDLESS_SCRIPT, **job_extra)
    pid_file = server.home / "pids" / f"{job}.pid"
    pid_file.parent.mkdir(exist_ok=True)
    run_id = glue.start_job_run(JobName=job, Arguments={"--pid_file": str(pid_file)})["JobRunId"]
    run = wait_for_run(glue, job, run_id, {"RUNNING"} | TERMINAL)
    assert run["JobRunState"] == "RUNNING", run.get("ErrorMessage")
    pid = int(wait_until(lambda: pid_file.exists() and pid_file.read_text(), timeout=SHELL_RUN_TIMEOUT, message=f"pid of run {run_id}"))
    return job, run_id, pid


def read_parquet(path):
    """Rows of a parquet dataset as dicts, read by a local PySpark of the test's own (not Epoxy's)."""
    code = textwrap.dedent(f"""
        import json
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
        rows = [row.asDict() for row in spark.read.parquet({str(path)!r}).collect()]
        print("ROWS" + json.dumps(rows, default=str))
        spark.stop()
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.split("ROWS", 1)[1])


def test_seed_job_script_runs_with_the_cli_and_writes_partitioned_parquet(glue, s3, server):
    cli = required_aws_cli()
    orders = generate_orders(2000)
    s3.create_bucket(Bucket="sales-lake")
    for part in range(2):
        body = "".join(json.dumps(order) + "\n" for order in orders[part::2])
        s3.put_object(Bucket="sales-lake", Key=f"raw_orders/part-{part}.json", Body=body.encode())
    glue.create_database(DatabaseInput={"Name": "sales_db"})
    glue.create_table(DatabaseName="sales_db", TableInput={
        "Name": "raw_orders", "TableType": "EXTERNAL_TABLE", "Parameters": {"classification": "json"},
        "StorageDescriptor": {
            "Location": "s3://sales-lake/raw_orders/",
            "Columns": [{"Name": column, "Type": "string"} for column in ["order_id", "customer_id", "order_date", "total_amount", "status", "region"]],
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"}}})
    script = put_script(s3, "daily_order_summary", SEED_JOB_SCRIPT)

    def aws(*arguments):
        result = subprocess.run([cli, "glue", "--endpoint-url", server.endpoint, "--output", "json", *arguments],
                                capture_output=True, text=True, env=server.cli_env(), timeout=60)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert aws("create-job", "--name", "daily-order-summary", "--role", ROLE, "--glue-version", "5.0",
               "--command", f"Name=glueetl,ScriptLocation={script},PythonVersion=3",
               "--worker-type", "G.1X", "--number-of-workers", "2") == {"Name": "daily-order-summary"}
    run_id = aws("start-job-run", "--job-name", "daily-order-summary",
                 "--arguments", '{"--output_path": "s3://my-data-lake/processed/daily-order-summary/"}')["JobRunId"]
    assert run_id.startswith("jr_") and len(run_id) == 67

    run = wait_for_run(glue, "daily-order-summary", run_id, timeout=SPARK_RUN_TIMEOUT)
    assert run["JobRunState"] == "SUCCEEDED", f"{run.get('ErrorMessage')}\n{run_log(server, run_id)[-4000:]}"
    assert run["Arguments"] == {"--output_path": "s3://my-data-lake/processed/daily-order-summary/"}
    assert (run["Attempt"], run["WorkerType"], run["NumberOfWorkers"], run["MaxCapacity"], run["GlueVersion"]) == (0, "G.1X", 2, 2.0, "5.0")
    assert run["ExecutionTime"] >= 1
    # Per-second billing with a one-minute minimum, 2 DPUs.
    assert run["DPUSeconds"] == max(run["ExecutionTime"], 60) * 2.0
    assert run["CompletedOn"] >= run["StartedOn"]
    cli_run = aws("get-job-run", "--job-name", "daily-order-summary", "--run-id", run_id)["JobRun"]
    assert cli_run["JobRunState"] == "SUCCEEDED" and cli_run["Id"] == run_id

    output = server.home / "s3" / "my-data-lake" / "processed" / "daily-order-summary"
    expected = expected_summary(orders)
    assert sorted(path.name for path in output.iterdir() if path.is_dir()) == sorted(f"region={region}" for region in {key[0] for key in expected})
    rows = read_parquet(output)
    actual = {(row["region"], row["order_day"]): row for row in rows}
    assert set(actual) == set(expected)
    for key, want in expected.items():
        got = actual[key]
        assert got["total_orders"] == want["total_orders"], key
        assert Decimal(got["total_revenue"]) == want["total_revenue"], key
        assert abs(Decimal(got["avg_order_value"]) - want["avg_order_value"]) <= Decimal("0.000001"), key
        assert got["unique_customers"] == want["unique_customers"], key


def test_job_definitions_defaults_pages_tags_and_errors(glue):
    name = unique("defs")
    glue.create_job(Name=name, Role=ROLE, Command={"Name": "glueetl", "ScriptLocation": "s3://b/s.py"},
                    DefaultArguments={"--a": "1"}, Description="first", Tags={"team": "etl"})
    job = glue.get_job(JobName=name)["Job"]
    assert job["Name"] == name and job["Role"] == ROLE and job["Description"] == "first"
    assert job["Command"] == {"Name": "glueetl", "ScriptLocation": "s3://b/s.py", "PythonVersion": "3"}
    # Glue's defaults: Glue 5.0 (Epoxy's runtime), 480 minutes for Glue 5, 10 DPUs as 10 x G.1X, one run at a time.
    assert (job["GlueVersion"], job["Timeout"], job["MaxRetries"], job["ExecutionProperty"]) == ("5.0", 480, 0, {"MaxConcurrentRuns": 1})
    assert (job["WorkerType"], job["NumberOfWorkers"], job["MaxCapacity"]) == ("G.1X", 10, 10.0)
    assert job["LastModifiedOn"] >= job["CreatedOn"]
    assert glue.get_tags(ResourceArn=f"arn:aws:glue:{REGION}:{ACCOUNT}:job/{name}")["Tags"] == {"team": "etl"}

    shell = unique("defs")
    glue.create_job(Name=shell, Role=ROLE, Command={"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"})
    shell_job = glue.get_job(JobName=shell)["Job"]
    assert (shell_job["Timeout"], shell_job["MaxCapacity"]) == (2880, 0.0625) and "WorkerType" not in shell_job

    # UpdateJob replaces the whole definition.
    glue.update_job(JobName=name, JobUpdate={"Role": ROLE, "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/t.py"}, "GlueVersion": "4.0"})
    updated = glue.get_job(JobName=name)["Job"]
    assert "Description" not in updated and "DefaultArguments" not in updated
    assert (updated["Command"]["ScriptLocation"], updated["Timeout"]) == ("s3://b/t.py", 2880)
    assert updated["CreatedOn"] == job["CreatedOn"]

    assert glue.list_jobs(Tags={"team": "etl"})["JobNames"] == [name]
    names = []
    token = None
    while True:
        page = glue.get_jobs(MaxResults=1, **({"NextToken": token} if token else {}))
        assert len(page["Jobs"]) <= 1
        names += [entry["Name"] for entry in page["Jobs"]]
        token = page.get("NextToken")
        if not token:
            break
    assert {name, shell} <= set(names) and names == sorted(names)
    batch = glue.batch_get_jobs(JobNames=[name, "no-such-job"])
    assert [entry["Name"] for entry in batch["Jobs"]] == [name] and batch["JobsNotFound"] == ["no-such-job"]

    assert error_of(lambda: glue.create_job(Name=name, Role=ROLE, Command={"Name": "glueetl"})) == ("AlreadyExistsException", f"Job already exists: {name}")
    assert error_of(lambda: glue.get_job(JobName="no-such-job")) == ("EntityNotFoundException", "Job not found: no-such-job")
    assert error_of(lambda: glue.create_job(Name=unique("bad"), Role=ROLE, Command={"Name": "glueetl"}, WorkerType="G.1X")) == (
        "InvalidInputException", "Invalid capacity: WorkerType and NumberOfWorkers must be set together (got WorkerType only)")
    assert error_of(lambda: glue.start_job_run(JobName="no-such-job")) == ("EntityNotFoundException", "Job not found: no-such-job")
    assert error_of(lambda: glue.get_job_bookmark(JobName=name))[0] == "EntityNotFoundException"
    assert error_of(lambda: glue.get_job_runs(JobName=name, NextToken="bogus"))[0] == "InvalidInputException"
    assert error_of(lambda: glue.get_dashboard_url(ResourceId=name, ResourceType="JOB"))[0] == "OperationNotSupportedException"
    assert error_of(lambda: glue.get_dashboard_url(ResourceId="no-such-job", ResourceType="JOB")) == ("EntityNotFoundException", "Job not found: no-such-job")
    # DeleteJob of a job that does not exist is no error (the model says so).
    assert glue.delete_job(JobName="no-such-job")["JobName"] == "no-such-job"
    assert glue.delete_job(JobName=name)["JobName"] == name
    assert error_of(lambda: glue.get_job(JobName=name))[0] == "EntityNotFoundException"
    assert error_of(lambda: glue.get_tags(ResourceArn=f"arn:aws:glue:{REGION}:{ACCOUNT}:job/{name}"))[0] == "EntityNotFoundException"


def test_pythonshell_job_output_is_in_its_log(glue, s3, server):
    job = create_shell_job(glue, s3, """
        import sys
        from awsglue.utils import getResolvedOptions
        args = getResolvedOptions(sys.argv, ['JOB_NAME', 'factor'])
        print("product is", sum(range(10)) * int(args['factor']), "for", args['JOB_NAME'])
    """, DefaultArguments={"--factor": "2"})
    run_id = glue.start_job_run(JobName=job, Arguments={"--factor": "7"})["JobRunId"]
    run = wait_for_run(glue, job, run_id)
    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")
    assert f"product is {45 * 7} for {job}" in run_log(server, run_id)
    # Python shell: 0.0625 DPU, one-minute minimum.
    assert run["MaxCapacity"] == 0.0625 and run["DPUSeconds"] == max(run["ExecutionTime"], 60) * 0.0625


def test_pythonshell_extra_py_files_from_storage_are_importable(glue, s3, server):
    s3.put_object(Bucket="job-scripts", Key="lib/pricing.py", Body=b"def with_tax(amount):\n    return round(amount * 1.2, 2)\n")
    archive = server.home / "pricing_extra.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("discounts/__init__.py", "def off(amount, percent):\n    return amount * (100 - percent) / 100\n")
    s3.upload_file(str(archive), "job-scripts", "lib/pricing_extra.zip")
    job = create_shell_job(glue, s3, """
        import pricing, discounts
        print("total", pricing.with_tax(discounts.off(50, 10)))
    """, DefaultArguments={"--extra-py-files": "s3://job-scripts/lib/pricing.py,s3://job-scripts/lib/pricing_extra.zip"})
    run_id = glue.start_job_run(JobName=job)["JobRunId"]
    run = wait_for_run(glue, job, run_id)
    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")
    assert f"total {round(50 * 0.9 * 1.2, 2)}" in run_log(server, run_id)

    missing = glue.start_job_run(JobName=job, Arguments={"--extra-py-files": "s3://job-scripts/lib/nothing.py"})["JobRunId"]
    failed = wait_for_run(glue, job, missing)
    assert failed["JobRunState"] == "FAILED"
    assert failed["ErrorMessage"] == "--extra-py-files entry s3://job-scripts/lib/nothing.py does not exist"


def build_wheel(directory, version):
    """A pure-Python wheel made by hand (a zip with its dist-info), so that pip installs it without any index."""
    wheel = directory / f"epoxy_probe-{version}-py3-none-any.whl"
    files = {
        "epoxy_probe/__init__.py": f"VERSION = {version!r}\n",
        f"epoxy_probe-{version}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: epoxy-probe\nVersion: {version}\n",
        f"epoxy_probe-{version}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: epoxy-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = f"epoxy_probe-{version}.dist-info/RECORD"
    with zipfile.ZipFile(wheel, "w") as zipped:
        for name, text in files.items():
            zipped.writestr(name, text)
        zipped.writestr(record, "".join(f"{name},,\n" for name in [*files, record]))
    return wheel


def test_additional_python_modules_are_installed_for_the_run_and_a_failed_install_fails_it(glue, s3, server):
    wheel = build_wheel(server.home, "3.1.4")
    job = create_shell_job(glue, s3, """
        import epoxy_probe
        print("probe version", epoxy_probe.VERSION)
    """, DefaultArguments={"--additional-python-modules": str(wheel)})
    run_id = glue.start_job_run(JobName=job)["JobRunId"]
    run = wait_for_run(glue, job, run_id, timeout=180)
    assert run["JobRunState"] == "SUCCEEDED", f"{run.get('ErrorMessage')}\n{run_log(server, run_id)[-3000:]}"
    assert "probe version 3.1.4" in run_log(server, run_id)

    broken = glue.start_job_run(JobName=job, Arguments={"--additional-python-modules": str(server.home / "no-such-1.0-py3-none-any.whl")})["JobRunId"]
    failed = wait_for_run(glue, job, broken, timeout=180)
    assert failed["JobRunState"] == "FAILED"
    assert "--additional-python-modules" in failed["ErrorMessage"] and "no-such-1.0-py3-none-any.whl" in failed["ErrorMessage"]


def test_a_raising_script_fails_with_its_exception_and_retries_as_new_runs(glue, s3, server):
    job = create_shell_job(glue, s3, """
        raise ValueError("bad input 42")
    """, MaxRetries=1)
    first = glue.start_job_run(JobName=job)["JobRunId"]
    failed = wait_for_run(glue, job, first)
    assert failed["JobRunState"] == "FAILED"
    assert "ValueError: bad input 42" in failed["ErrorMessage"]
    assert "Traceback" in run_log(server, first)

    runs = wait_until(lambda: (lambda runs: runs if len(runs) == 2 and runs[0]["JobRunState"] in TERMINAL else None)(
        glue.get_job_runs(JobName=job)["JobRuns"]), timeout=SHELL_RUN_TIMEOUT, message=f"the retry of {first}")
    retry = runs[0]
    assert [run["Id"] for run in runs] == [retry["Id"], first]
    assert (retry["Attempt"], retry["PreviousRunId"], retry["JobRunState"]) == (1, first, "FAILED")
    assert "ValueError: bad input 42" in retry["ErrorMessage"]
    assert "PreviousRunId" not in runs[1] and runs[1]["Attempt"] == 0


def test_a_job_without_script_location_fails_its_run_clearly(glue):
    job = unique("noscript")
    glue.create_job(Name=job, Role=ROLE, Command={"Name": "pythonshell"})
    run_id = glue.start_job_run(JobName=job)["JobRunId"]
    run = wait_for_run(glue, job, run_id)
    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"] == f"Job {job} has no Command.ScriptLocation: there is no script to run"


def test_max_concurrent_runs_and_batch_stop(glue, s3, server):
    job, run_id, pid = start_endless(glue, s3, server)
    code, message = error_of(lambda: glue.start_job_run(JobName=job))
    assert code == "ConcurrentRunsExceededException"
    assert message == f"Cannot start job '{job}': 1 of its runs are active, the most its ExecutionProperty.MaxConcurrentRuns allows"

    stopped = glue.batch_stop_job_run(JobName=job, JobRunIds=[run_id, "jr_unknown"])
    assert stopped["SuccessfulSubmissions"] == [{"JobName": job, "JobRunId": run_id}]
    assert [(error["JobRunId"], error["ErrorDetail"]["ErrorCode"]) for error in stopped["Errors"]] == [("jr_unknown", "EntityNotFoundException")]
    run = wait_for_run(glue, job, run_id)
    assert run["JobRunState"] == "STOPPED"
    wait_until(lambda: not pid_alive(pid), timeout=30, message=f"process {pid} of stopped run {run_id} to be gone")
    again = glue.batch_stop_job_run(JobName=job, JobRunIds=[run_id])
    assert again["SuccessfulSubmissions"] == [] and again["Errors"][0]["ErrorDetail"]["ErrorCode"] == "InvalidInputException"


def test_deleting_a_job_stops_its_running_run_first(glue, s3, server):
    job, run_id, pid = start_endless(glue, s3, server)
    assert glue.delete_job(JobName=job)["JobName"] == job
    wait_until(lambda: not pid_alive(pid), timeout=30, message=f"process {pid} of run {run_id} of deleted job {job} to be gone")
    assert error_of(lambda: glue.get_job_run(JobName=job, RunId=run_id))[0] == "EntityNotFoundException"


def test_a_run_beyond_its_timeout_ends_timeout_and_its_process_is_gone(glue, s3, server):
    # The slow test: Timeout is in whole minutes.
    job, run_id, pid = start_endless(glue, s3, server, Timeout=1)
    run = wait_for_run(glue, job, run_id, timeout=150)
    assert run["JobRunState"] == "TIMEOUT"
    assert run["Timeout"] == 1
    assert "Timeout of 1 minutes" in run["ErrorMessage"]
    wait_until(lambda: not pid_alive(pid), timeout=30, message=f"process {pid} of timed-out run {run_id} to be gone")


# Reads a bookmarked S3 prefix and prints how many records came from each file (every record names its
# file), so the test sees exactly which files a run opened. With --fail true it raises after reading.
BOOKMARKED_SCRIPT = '''
import json, sys
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'input_path', 'fail'])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args['JOB_NAME'], args)
events = glueContext.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args['input_path']]}, format="json", transformation_ctx="events")
per_file = {row["file"]: row["count"] for row in events.toDF().groupBy("file").count().collect()}
print("READ " + json.dumps(per_file, sort_keys=True))
if args['fail'] == 'true':
    raise RuntimeError("failing after reading %d records" % sum(per_file.values()))
job.commit()
'''


def test_bookmarked_job_runs_read_only_new_files_a_failed_run_changes_nothing_and_reset_reads_all(glue, s3, server):
    job = unique("bookmarked")
    prefix = server.home / "s3" / "bookmark-lake" / job
    prefix.mkdir(parents=True)
    glue.create_job(Name=job, Role=ROLE, GlueVersion="5.0", WorkerType="G.1X", NumberOfWorkers=2,
                    Command={"Name": "glueetl", "ScriptLocation": put_script(s3, job, BOOKMARKED_SCRIPT)},
                    DefaultArguments={"--job-bookmark-option": "job-bookmark-enable",
                                      "--input_path": f"s3://bookmark-lake/{job}/", "--fail": "false"})
    records = {}

    def add(name, count):
        (prefix / f"{name}.json").write_text("".join(json.dumps({"file": name, "n": i}) + "\n" for i in range(count)))
        records[name] = count

    def rewrite_keeping_mtime(name):
        # Many more records under another name, the modification time unchanged: a run that opened it would say so.
        path = prefix / f"{name}.json"
        stat = path.stat()
        path.write_text("".join(json.dumps({"file": "rewritten-" + name, "n": i}) + "\n" for i in range(1000)))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        records[name] = ("rewritten-" + name, 1000)

    def run(**arguments):
        run_id = glue.start_job_run(JobName=job, Arguments=arguments)["JobRunId"]
        finished = wait_for_run(glue, job, run_id, timeout=SPARK_RUN_TIMEOUT)
        log = run_log(server, run_id)
        read = [json.loads(line[len("READ "):]) for line in log.splitlines() if line.startswith("READ ")]
        return finished, read, log

    def bookmark():
        return glue.get_job_bookmark(JobName=job)["JobBookmarkEntry"]

    add("a", 3)
    add("b", 2)
    first, read, log = run()
    assert first["JobRunState"] == "SUCCEEDED", f"{first.get('ErrorMessage')}\n{log[-4000:]}"
    assert read == [{"a": 3, "b": 2}]
    after_first = bookmark()
    assert (after_first["JobName"], after_first["RunId"], after_first["Run"]) == (job, first["Id"], 1)

    for name in ("a", "b"):
        rewrite_keeping_mtime(name)
    add("c", 4)
    failed, read, log = run(**{"--fail": "true"})
    assert failed["JobRunState"] == "FAILED", log[-4000:]
    assert "RuntimeError: failing after reading 4 records" in failed["ErrorMessage"]
    assert read == [{"c": 4}]
    assert bookmark() == after_first

    second, read, log = run()
    assert second["JobRunState"] == "SUCCEEDED", f"{second.get('ErrorMessage')}\n{log[-4000:]}"
    assert read == [{"c": 4}]
    after_second = bookmark()
    assert (after_second["RunId"], after_second["Run"]) == (second["Id"], 2)
    assert after_second["JobBookmark"] != after_first["JobBookmark"]

    rewrite_keeping_mtime("c")
    add("d", 1)
    add("e", 5)
    third, read, log = run()
    assert third["JobRunState"] == "SUCCEEDED", f"{third.get('ErrorMessage')}\n{log[-4000:]}"
    assert read == [{"d": 1, "e": 5}]

    reset = glue.reset_job_bookmark(JobName=job)["JobBookmarkEntry"]
    assert reset["JobName"] == job and reset.get("JobBookmark") in (None, "", "{}")
    everything, read, log = run()
    assert everything["JobRunState"] == "SUCCEEDED", f"{everything.get('ErrorMessage')}\n{log[-4000:]}"
    # Now every file is read as it is on disk, the rewritten ones with their new records.
    expected = {}
    for name, value in records.items():
        file, count = value if isinstance(value, tuple) else (name, value)
        expected[file] = count
    assert read == [expected]
