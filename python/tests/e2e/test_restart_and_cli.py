"""History survives a server restart; the AWS CLI v2 drives the same API."""
import json
import subprocess

import boto3

from .epoxy_server import CREDENTIALS, REGION, ROLE, EpoxyServer, required_aws_cli, wait_until
from .sessions import create_session, new_session_id, run_ok, wait_for_status, wait_ready


def test_restart_keeps_sessions_and_statements(tmp_path):
    first = EpoxyServer(home=tmp_path / "home").start()
    try:
        glue = first.glue()
        sid = create_session(glue)
        wait_ready(glue, sid)
        assert run_ok(glue, sid, "print('remember me')") == "remember me"
        stopped = create_session(glue)
        wait_ready(glue, stopped)
        glue.stop_session(Id=stopped)
        wait_for_status(glue, stopped, {"STOPPED"}, timeout=60)
    finally:
        first.stop()

    second = EpoxyServer(home=tmp_path / "home").start()
    try:
        glue = second.glue()
        assert {sid, stopped} <= set(glue.list_sessions()["Ids"])
        lost = glue.get_session(Id=sid)["Session"]
        assert lost["Status"] == "FAILED"
        assert "restart" in lost["ErrorMessage"]
        assert glue.get_session(Id=stopped)["Session"]["Status"] == "STOPPED"
        statements = glue.list_statements(SessionId=sid)["Statements"]
        assert [s["Output"]["Data"]["TextPlain"] for s in statements] == ["remember me"]
        statement = glue.get_statement(SessionId=sid, Id=statements[0]["Id"])["Statement"]
        assert statement["Code"] == "print('remember me')"
        assert statement["State"] == "AVAILABLE"
    finally:
        second.stop()



def test_job_runs_end_truthfully_when_the_server_crashes_or_stops_under_them(tmp_path):
    from .test_jobs import ENDLESS_SCRIPT, pid_alive

    def start_endless(server, name):
        s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
        s3.create_bucket(Bucket=f"scripts-{name}")
        s3.put_object(Bucket=f"scripts-{name}", Key=f"{name}.py", Body=ENDLESS_SCRIPT.encode())
        glue = server.glue()
        glue.create_job(Name=name, Role=ROLE, Command={"Name": "pythonshell", "ScriptLocation": f"s3://scripts-{name}/{name}.py"})
        pid_file = tmp_path / f"{name}.pid"
        run_id = glue.start_job_run(JobName=name, Arguments={"--pid_file": str(pid_file)})["JobRunId"]
        wait_until(lambda: glue.get_job_run(JobName=name, RunId=run_id)["JobRun"]["JobRunState"] == "RUNNING", timeout=90,
                   message=f"run {run_id} to be RUNNING")
        return run_id, int(wait_until(lambda: pid_file.exists() and pid_file.read_text(), timeout=90, message=f"pid of {run_id}"))

    home = tmp_path / "home"
    crashed = EpoxyServer(home=home).start()
    try:
        crashed_run, crashed_pid = start_endless(crashed, "crashed")
        # A crash: the server gets no chance to stop its runs; the run's process outlives it.
        crashed.process.kill()
        crashed.process.wait(timeout=30)
        assert pid_alive(crashed_pid)
    finally:
        crashed.stop()

    restarted = EpoxyServer(home=home).start()
    try:
        glue = restarted.glue()
        run = glue.get_job_run(JobName="crashed", RunId=crashed_run)["JobRun"]
        assert run["JobRunState"] == "FAILED"
        assert "server restarted" in run["ErrorMessage"]
        assert run["CompletedOn"] >= run["StartedOn"]
        wait_until(lambda: not pid_alive(crashed_pid), timeout=30, message=f"orphaned process {crashed_pid} of {crashed_run} to be gone")
        stopped_run, stopped_pid = start_endless(restarted, "stopped-by-shutdown")
    finally:
        # A clean shutdown stops its runs' processes before it exits.
        restarted.stop()
    assert not pid_alive(stopped_pid)

    again = EpoxyServer(home=home).start()
    try:
        # As after the crash: the run did not finish, and the message says why (docs/jobs-runs.md).
        run = again.glue().get_job_run(JobName="stopped-by-shutdown", RunId=stopped_run)["JobRun"]
        assert run["JobRunState"] == "FAILED"
        assert "server restarted" in run["ErrorMessage"]
    finally:
        again.stop()


def aws(server, *args, check=True):
    command = [required_aws_cli(), "--endpoint-url", server.endpoint, "--output", "json", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=server.cli_env(), timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def test_aws_cli_drives_the_session_lifecycle(server):
    sid = new_session_id("cli")
    created = json.loads(aws(server, "glue", "create-session", "--id", sid, "--role", ROLE,
                             "--command", "Name=glueetl,PythonVersion=3",
                             "--worker-type", "G.1X", "--number-of-workers", "2").stdout)
    assert created["Session"]["Status"] == "PROVISIONING"
    wait_ready(server.glue(), sid)

    listed = json.loads(aws(server, "glue", "list-sessions").stdout)
    assert sid in listed["Ids"]

    statement_id = json.loads(aws(server, "glue", "run-statement", "--session-id", sid, "--code", "print(6 * 7)").stdout)["Id"]
    def finished():
        statement = json.loads(aws(server, "glue", "get-statement", "--session-id", sid, "--id", str(statement_id)).stdout)["Statement"]
        return statement if statement["State"] in {"AVAILABLE", "ERROR", "CANCELLED"} else None
    from .epoxy_server import wait_until
    statement = wait_until(finished, timeout=60, interval=0.2, message="CLI statement")
    assert statement["Output"]["Data"]["TextPlain"] == "42"

    statements = json.loads(aws(server, "glue", "list-statements", "--session-id", sid).stdout)["Statements"]
    assert [s["Id"] for s in statements] == [statement_id]

    aws(server, "glue", "stop-session", "--id", sid)
    wait_for_status(server.glue(), sid, {"STOPPED"}, timeout=60)
    aws(server, "glue", "delete-session", "--id", sid)

    missing = aws(server, "glue", "get-session", "--id", sid, check=False)
    assert missing.returncode != 0
    assert "EntityNotFoundException" in missing.stderr

    invalid = aws(server, "glue", "create-session", "--id", new_session_id("cli"), "--role", ROLE,
                  "--command", "Name=glueetl,PythonVersion=3", "--worker-type", "G.9X", "--number-of-workers", "2",
                  check=False)
    assert invalid.returncode != 0
    assert "InvalidInputException" in invalid.stderr and "WorkerType" in invalid.stderr


def test_aws_cli_reports_api_errors_in_aws_format(server):
    result = aws(server, "glue", "run-statement", "--session-id", "missing-session", "--code", "1", check=False)
    assert result.returncode != 0
    assert "EntityNotFoundException" in result.stderr
    assert "Traceback" not in result.stderr and "<html" not in result.stderr.lower()
