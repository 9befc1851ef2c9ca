"""Every magic the official Glue PySpark kernel sends, an interrupt, %reconnect and %stop_session, against Epoxy.

The kernel is the unmodified aws-glue-sessions from PyPI, set up by `./epoxy jupyter` (test_official_kernel.py proves
that set-up reaches only Epoxy) and driven through jupyter_client, so that a cell can be interrupted while it runs.
What each magic must do is read back from the server with boto3 and from inside the session, never from the kernel's
own echo of what it sent.
"""
from __future__ import annotations

import io
import json
import queue
import re
import time
import uuid
import zipfile
from dataclasses import dataclass, field

import boto3
import pytest
from jupyter_client.manager import KernelManager

from .epoxy_server import CREDENTIALS, REGION, ROLE, wait_until
from .test_official_kernel import home, setup_epoxy_kernel, trap  # noqa: F401  (fixtures)

KERNEL = "glue_pyspark_epoxy"
SCALA_KERNEL = "glue_spark_epoxy"
BUCKET = "magic-libs"


@dataclass
class Cell:
    text: str = ""
    data: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    reply: str | None = None  # the execute_reply's status: "ok", "error", "abort"; None when the kernel sent no reply


class Kernel:
    """One running official kernel and its client."""

    def __init__(self, name: str = KERNEL):
        self.manager = KernelManager(kernel_name=name)
        self.manager.start_kernel()
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)

    def send(self, code: str) -> str:
        return self.client.execute(code)

    def collect(self, msg_id: str, timeout: float = 300) -> Cell:
        """Everything the cell published until the kernel went idle; fails after `timeout` seconds without idle."""
        cell = Cell()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"the cell did not finish within {timeout}s; so far: {cell}"
            try:
                message = self.client.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                cell.text += content["text"]
            elif kind in ("display_data", "execute_result"):
                cell.data.append(content["data"])
            elif kind == "error":
                cell.errors.append(content)
            elif kind == "status" and content["execution_state"] == "idle":
                return cell

    def run(self, code: str, timeout: float = 300) -> Cell:
        msg_id = self.send(code)
        cell = self.collect(msg_id, timeout)
        cell.reply = self.reply(msg_id)
        return cell

    def reply(self, msg_id: str, timeout: float = 10) -> str | None:
        """The status of the cell's execute_reply (which comes before the kernel goes idle); None if it sent none."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.client.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                return None
            if message["parent_header"].get("msg_id") == msg_id:
                return message["content"]["status"]
        return None

    def shutdown(self):
        """Shuts the kernel down as Jupyter does (the kernel then stops its session); once."""
        if self.manager.has_kernel:
            self.client.stop_channels()
            self.manager.shutdown_kernel(now=False)


@pytest.fixture
def kernels(server, home, trap):  # noqa: F811
    setup_epoxy_kernel(server)
    started = []

    def start(name: str = KERNEL) -> Kernel:
        kernel = Kernel(name)
        started.append(kernel)
        return kernel

    yield start
    for kernel in started:
        kernel.shutdown()


def statements_with(glue, session_id: str, code_part: str) -> list[dict]:
    return [s for s in glue.list_statements(SessionId=session_id)["Statements"] if code_part in s["Code"]]


def test_every_magic_reaches_the_session_and_interrupt_and_stop_work(server, glue, kernels):
    s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
    try:
        s3.create_bucket(Bucket=BUCKET)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    marker = uuid.uuid4().hex
    s3.put_object(Bucket=BUCKET, Key="helper.py", Body=f"VALUE = {marker!r}\n".encode())
    jar = io.BytesIO()
    with zipfile.ZipFile(jar, "w") as archive:
        archive.writestr("epoxy_magic/marker.txt", marker)
    s3.put_object(Bucket=BUCKET, Key="marker.jar", Body=jar.getvalue())
    connection = f"magic-db-{uuid.uuid4().hex[:6]}"
    glue.create_connection(ConnectionInput={"Name": connection, "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": "jdbc:postgresql://127.0.0.1:5432/shop", "USERNAME": "u", "PASSWORD": "p"}})

    kernel = kernels()
    magics = kernel.run("\n".join([
        f"%iam_role {ROLE}", "%session_id_prefix magics", "%glue_version 4.0", "%worker_type G.2X", "%number_of_workers 3",
        "%idle_timeout 45", "%timeout 120", f"%connections {connection}", f"%extra_py_files s3://{BUCKET}/helper.py",
        f"%extra_jars s3://{BUCKET}/marker.jar", "%spark_conf spark.sql.shuffle.partitions=7"]))
    assert magics.reply == "ok", magics
    assert kernel.run('%%tags\n{"team": "data-eng"}').reply == "ok"
    assert kernel.run('%%configure\n{"--custom-argument": "custom-value"}').reply == "ok"

    first = kernel.run("\n".join([
        "import helper",
        "print(helper.VALUE)",
        "print(spark.conf.get('spark.sql.shuffle.partitions'))",
        # The jar's own content, loaded by the driver's class loader: the jar was fetched from Epoxy's storage.
        "loader = spark._jvm.org.apache.spark.util.Utils.getContextOrSparkClassLoader()",
        "print(bytes(loader.getResourceAsStream('epoxy_magic/marker.txt').readAllBytes()).decode())",
        "print(spark.conf.get('spark.epoxy.connections'))",
        "magic_state = 'kept'"]))
    assert first.reply == "ok", first
    session_id = re.search(r"^Session ID: (magics-\S+)$", first.text, re.MULTILINE).group(1)
    lines = first.text.strip().splitlines()
    # The kernel's default is Glue 4.0 too: the first output says which Spark runs it.
    note = next((i for i, line in enumerate(lines) if line.startswith("Note: Glue 4.0 runs Spark 3.3.0 on AWS")), None)
    assert note is not None, first
    assert lines[note + 1] == marker and lines[note + 2] == "7"
    assert lines[note + 3] == marker and connection in lines[note + 4]

    session = glue.get_session(Id=session_id)["Session"]
    assert session["Role"] == ROLE and session["GlueVersion"] == "4.0" and session["Command"]["Name"] == "glueetl"
    assert (session["WorkerType"], session["NumberOfWorkers"], session["IdleTimeout"]) == ("G.2X", 3, 45)
    assert session["Connections"]["Connections"] == [connection]
    assert session["DefaultArguments"]["--custom-argument"] == "custom-value"
    arn = f"arn:aws:glue:{REGION}:123456789012:session/{session_id}"
    assert glue.get_tags(ResourceArn=arn)["Tags"]["team"] == "data-eng"

    status = kernel.run("%status").text
    for expected in [f"Session ID: {session_id}", "Status: READY", "GlueVersion: 4.0", "Session Type: glueetl",
                     "Idle Timeout: 45", "Worker Type: G.2X", "Number of Workers: 3", "data-eng", connection]:
        assert expected in status, status
    assert session_id in kernel.run("%list_sessions").text
    assert f"Current active Session ID: {session_id}" in kernel.run("%session_id").text

    # %%sql reads the Glue catalog (the kernel always sends --enable-glue-datacatalog): a database made with boto3.
    database = f"magic_db_{uuid.uuid4().hex[:6]}"
    glue.create_database(DatabaseInput={"Name": database})
    sql = kernel.run("%%sql\nSHOW DATABASES")
    assert sql.reply == "ok" and re.search(r"\|\s*namespace\s*\|", sql.text) and re.search(rf"\|\s*{database}\s*\|", sql.text), sql

    # An unknown magic is the kernel's own IPython UsageError; nothing reaches the server.
    sent = len(glue.list_statements(SessionId=session_id)["Statements"])
    unknown = kernel.run("%no_such_magic")
    assert "UsageError: Line magic function `%no_such_magic` not found." in unknown.text, unknown
    assert len(glue.list_statements(SessionId=session_id)["Statements"]) == sent

    # A statement's error is a Jupyter error: the reply says so and the notebook shows its name and value.
    failed = kernel.run("1 / 0")
    assert failed.reply == "error" and "ZeroDivisionError: division by zero" in failed.text, failed

    # %reconnect from a second kernel adopts the live session: its variables are there.
    other = kernels()
    reconnected = other.run(f"%reconnect {session_id}")
    assert reconnected.reply == "ok", reconnected
    assert other.run("print(magic_state)").text.strip().splitlines()[-1] == "kept"
    # Shutting a kernel down stops its session, the adopted one included.
    other.shutdown()
    wait_until(lambda: glue.get_session(Id=session_id)["Session"]["Status"] in {"STOPPING", "STOPPED"}, timeout=60,
               message="the session stopped with the kernel that adopted it")


def test_interrupt_cancels_the_statement_and_the_next_cell_runs_then_stop_session(server, glue, kernels):
    kernel = kernels()
    assert kernel.run(f"%iam_role {ROLE}\n%session_id_prefix interrupt\n%glue_version 5.0\n%worker_type G.1X\n%number_of_workers 2").reply == "ok"
    first = kernel.run("print(6 * 7)")
    session_id = re.search(r"^Session ID: (interrupt-\S+)$", first.text, re.MULTILINE).group(1)
    assert first.text.strip().splitlines()[-1] == "42"

    hanging = kernel.send("import time\ntime.sleep(600)")
    running = wait_until(lambda: [s for s in statements_with(glue, session_id, "time.sleep(600)") if s["State"] == "RUNNING"],
                         timeout=60, interval=0.2, message="the sleeping statement to run")[0]
    kernel.manager.interrupt_kernel()
    wait_until(lambda: glue.get_statement(SessionId=session_id, Id=running["Id"])["Statement"]["State"] == "CANCELLED",
               timeout=60, interval=0.2, message="the interrupted statement to be CANCELLED")
    interrupted = kernel.collect(hanging, timeout=120)
    assert f"Attempting to cancel the statement (statement_id={running['Id']})" in interrupted.text, interrupted
    # Kernel 1.0.9 sends no execute_reply for an interrupted cell (its do_execute returns None, and ipykernel fails
    # on it with a TypeError in the kernel's log). The server side is done: the statement is CANCELLED.
    assert kernel.reply(hanging) is None

    after = kernel.run("print('after the interrupt')")
    assert after.text.strip().splitlines()[-1] == "after the interrupt", after
    assert glue.get_session(Id=session_id)["Session"]["Status"] == "READY"

    stopped = kernel.run("%stop_session")
    assert f"Stopping session: {session_id}" in stopped.text
    wait_until(lambda: glue.get_session(Id=session_id)["Session"]["Status"] == "STOPPED", timeout=60, message="STOPPED")
    # 1.0.9 forgets a session it stopped: %status says there is none; %list_sessions shows it STOPPED.
    assert "There is no current session." in kernel.run("%status").text
    listed = kernel.run("%list_sessions").text
    assert re.search(rf"{re.escape(session_id)}\s*\|\s*STOPPED", listed), listed


def test_a_failed_module_install_shows_pips_message_and_streaming_makes_a_streaming_session(server, glue, kernels):
    missing = f"epoxy-no-such-package-{uuid.uuid4().hex[:8]}"
    kernel = kernels()
    assert kernel.run(f"%iam_role {ROLE}\n%session_id_prefix badpip\n%glue_version 5.0\n"
                      f"%additional_python_modules {missing}").reply == "ok"
    first = kernel.run("print('never runs')", timeout=600)
    session_id = re.search(r"^Session ID: (badpip-\S+)$", first.text, re.MULTILINE).group(1)
    assert "never runs" not in first.text, first
    failed = glue.get_session(Id=session_id)["Session"]
    assert failed["Status"] == "FAILED" and missing in failed["ErrorMessage"], failed
    # pip's own words, as pip prints them for a requirement no index has.
    assert f"No matching distribution found for {missing}" in failed["ErrorMessage"], failed["ErrorMessage"]
    # Kernel 1.0.9 prints only "failed to reach READY"; its next cell re-sends the session's Id, and the answer it then
    # prints is the AlreadyExistsException that carries the session's ErrorMessage.
    second = kernel.run("print('still not')", timeout=120)
    assert f"No matching distribution found for {missing}" in second.text, second
    assert "still not" not in second.text, second

    streaming = kernels()
    assert streaming.run(f"%iam_role {ROLE}\n%session_id_prefix stream\n%glue_version 5.0\n%streaming").reply == "ok"
    cell = streaming.run("print(sc.appName is not None)")
    assert cell.reply == "ok" and cell.text.strip().splitlines()[-1] == "True", cell
    stream_id = re.search(r"^Session ID: (stream-\S+)$", cell.text, re.MULTILINE).group(1)
    assert glue.get_session(Id=stream_id)["Session"]["Command"]["Name"] == "gluestreaming"
    assert "Session Type: gluestreaming" in streaming.run("%status").text


SCALA_READ_AND_WRITE = """
import com.amazonaws.services.glue.GlueContext
import com.amazonaws.services.glue.util.JsonOptions
val glueContext = new GlueContext(sc)
val events = glueContext.getSourceWithFormat(connectionType = "s3",
  options = JsonOptions(Map("paths" -> Seq("s3://scala-notebook/events/"))), format = "json").getDynamicFrame()
val renamed = events.applyMapping(Seq(("id", "long", "event_id", "long"), ("kind", "string", "kind", "string")))
glueContext.getSinkWithFormat(connectionType = "s3", options = JsonOptions(Map("path" -> "s3://scala-notebook/renamed/")),
  format = "parquet").writeDynamicFrame(renamed)
println(s"read ${events.count} wrote ${renamed.count}")
"""


def test_the_glue_spark_kernel_runs_a_scala_notebook(server, glue, kernels):
    """Issue 10's second acceptance notebook: the official glue_spark kernel, GlueContext, a read and a write, an error."""
    pq = pytest.importorskip("pyarrow.parquet")
    events = [{"id": i, "kind": ["click", "view", "buy"][i % 3]} for i in range(1, 26)]
    source = server.home / "s3" / "scala-notebook" / "events"
    source.mkdir(parents=True)
    (source / "part-0.json").write_text("".join(json.dumps(event) + "\n" for event in events))

    kernel = kernels(SCALA_KERNEL)
    assert kernel.run(f"%iam_role {ROLE}\n%session_id_prefix scala-nb\n%glue_version 5.0\n%worker_type G.1X\n"
                      "%number_of_workers 2\n%idle_timeout 30").reply == "ok"
    first = kernel.run("val answer = 6 * 7", timeout=600)
    assert first.reply == "ok", first
    session_id = re.search(r"^Session ID: (scala-nb-\S+)$", first.text, re.MULTILINE).group(1)
    assert "answer: Int = 42" in first.text, first
    assert glue.get_session(Id=session_id)["Session"]["DefaultArguments"]["--session-language"] == "scala"

    written = kernel.run(SCALA_READ_AND_WRITE, timeout=600)
    assert written.reply == "ok" and f"read {len(events)} wrote {len(events)}" in written.text, written
    rows = pq.read_table(server.home / "s3" / "scala-notebook" / "renamed").to_pylist()
    assert sorted(rows, key=lambda row: row["event_id"]) == [{"event_id": e["id"], "kind": e["kind"]} for e in events]

    sql = kernel.run("%%sql\nSELECT 6 * 7 AS answer")
    assert sql.reply == "ok" and re.search(r"\|\s*42\s*\|", sql.text), sql

    failed = kernel.run('val broken: Int = "text"')
    assert failed.reply == "error" and "CompileError" in failed.text and "type mismatch" in failed.text, failed
    assert kernel.run("println(answer + 1)").text.strip().splitlines()[-1] == "43"
