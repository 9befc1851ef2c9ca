"""Session lifecycle and the API's error cases, with boto3 against a real server."""
import os
import re
import signal
import time

import pytest
from botocore.exceptions import ClientError

from .epoxy_server import ROLE, wait_until
from .sessions import create_session, new_session_id, run, run_ok, wait_for_status, wait_ready


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def error_message(excinfo) -> str:
    return excinfo.value.response["Error"]["Message"]


def test_session_lifecycle_with_reported_members(glue):
    sid = new_session_id()
    created = glue.create_session(Id=sid, Role=ROLE, Command={"Name": "glueetl", "PythonVersion": "3"},
                                  WorkerType="G.2X", NumberOfWorkers=3, IdleTimeout=30, GlueVersion="5.0",
                                  Description="lifecycle test", Tags={"owner": "e2e"})["Session"]
    assert created["Id"] == sid
    assert created["Status"] == "PROVISIONING"

    session = wait_ready(glue, sid)
    assert session["Role"] == ROLE
    assert session["Command"] == {"Name": "glueetl", "PythonVersion": "3"}
    assert session["GlueVersion"] == "5.0"
    assert session["WorkerType"] == "G.2X"
    assert session["NumberOfWorkers"] == 3
    assert session["MaxCapacity"] == 6.0  # 3 workers x 2 DPU
    assert session["IdleTimeout"] == 30
    assert session["Description"] == "lifecycle test"
    assert session["DefaultArguments"] == {}
    assert "Progress" in session and "ExecutionTime" in session
    # AWS bills a one-minute minimum: DPUSeconds >= 6 DPU x 60 s.
    assert session["DPUSeconds"] >= 6.0 * 60
    assert "CompletedOn" not in session

    ids = glue.list_sessions()["Ids"]
    assert sid in ids
    assert sid in glue.list_sessions(Tags={"owner": "e2e"})["Ids"]
    assert sid not in glue.list_sessions(Tags={"owner": "somebody-else"})["Ids"]

    url = glue.get_dashboard_url(ResourceId=sid, ResourceType="SESSION")["Url"]
    assert re.match(r"^https?://", url)

    glue.stop_session(Id=sid)
    stopped = wait_for_status(glue, sid, {"STOPPED"}, timeout=60)
    assert stopped["CompletedOn"] >= stopped["CreatedOn"]

    with pytest.raises(ClientError) as excinfo:
        glue.run_statement(SessionId=sid, Code="1 + 1")
    assert error_code(excinfo) == "InvalidInputException"
    assert error_message(excinfo) == f"Session is not ready, session_id={sid}, status=STOPPED"

    glue.delete_session(Id=sid)
    with pytest.raises(ClientError) as excinfo:
        glue.get_session(Id=sid)
    assert error_code(excinfo) == "EntityNotFoundException"


def test_defaults_follow_aws(glue):
    sid = new_session_id()
    session = glue.create_session(Id=sid, Role=ROLE, Command={"Name": "glueetl", "PythonVersion": "3"})["Session"]
    try:
        assert session["WorkerType"] == "G.1X"
        assert session["NumberOfWorkers"] == 5
        assert session["MaxCapacity"] == 5.0
        assert session["IdleTimeout"] == 2880
    finally:
        glue.delete_session(Id=sid)


def test_duplicate_id_is_rejected_and_reusable_after_delete(glue):
    sid = new_session_id()
    create_session(glue, sid)
    with pytest.raises(ClientError) as excinfo:
        create_session(glue, sid)
    assert error_code(excinfo) == "AlreadyExistsException"
    glue.delete_session(Id=sid)
    create_session(glue, sid)
    assert glue.get_session(Id=sid)["Session"]["Status"] in {"PROVISIONING", "READY"}
    glue.delete_session(Id=sid)


@pytest.mark.parametrize("overrides, member", [
    ({"WorkerType": "G.9X", "NumberOfWorkers": 2}, "WorkerType"),
    ({"WorkerType": "G.1X", "NumberOfWorkers": -1}, "NumberOfWorkers"),
    ({"Role": "not-an-arn-at-all-really"}, "Role"),
    ({"MaxCapacity": 5.0, "WorkerType": "G.1X", "NumberOfWorkers": 2}, "MaxCapacity"),
])
def test_invalid_create_session_input_names_the_member(glue, overrides, member):
    request = {"Id": new_session_id(), "Role": ROLE, "Command": {"Name": "glueetl", "PythonVersion": "3"}}
    request.update(overrides)
    with pytest.raises(ClientError) as excinfo:
        glue.create_session(**request)
    assert error_code(excinfo) == "InvalidInputException"
    assert member in error_message(excinfo)


def test_unknown_ids_are_entity_not_found(glue, session_id):
    for call in (lambda: glue.get_session(Id="no-such-session"),
                 lambda: glue.stop_session(Id="no-such-session"),
                 lambda: glue.delete_session(Id="no-such-session"),
                 lambda: glue.run_statement(SessionId="no-such-session", Code="1"),
                 lambda: glue.list_statements(SessionId="no-such-session"),
                 lambda: glue.get_statement(SessionId=session_id, Id=99999),
                 lambda: glue.cancel_statement(SessionId=session_id, Id=99999)):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_code(excinfo) == "EntityNotFoundException", error_message(excinfo)


def test_code_over_68000_characters_is_invalid(glue, session_id):
    with pytest.raises(ClientError) as excinfo:
        glue.run_statement(SessionId=session_id, Code="x" * 68_001)
    assert error_code(excinfo) == "InvalidInputException"
    assert "Code" in error_message(excinfo)
    # exactly at the limit is fine
    statement_id = glue.run_statement(SessionId=session_id, Code="#" + "x" * 67_999)["Id"]
    assert statement_id > 0


def test_tags_on_session_arn(glue, session_id):
    arn = f"arn:aws:glue:us-east-1:123456789012:session/{session_id}"
    glue.tag_resource(ResourceArn=arn, TagsToAdd={"team": "data", "env": "dev"})
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"team": "data", "env": "dev"}
    glue.untag_resource(ResourceArn=arn, TagsToRemove=["env"])
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"team": "data"}


def test_create_session_tags_are_served_by_arn_and_deleted_with_the_session(glue):
    sid = new_session_id("tagged")
    arn = f"arn:aws:glue:us-east-1:123456789012:session/{sid}"
    create_session(glue, sid, Tags={"owner": "e2e", "team": "data"})
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"owner": "e2e", "team": "data"}
    assert sid in glue.list_sessions(Tags={"owner": "e2e"})["Ids"]
    glue.delete_session(Id=sid)
    with pytest.raises(ClientError) as excinfo:
        glue.get_tags(ResourceArn=arn)
    assert error_code(excinfo) == "EntityNotFoundException"
    # The same id again: nothing of the deleted session's tags comes back.
    create_session(glue, sid)
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {}
    glue.delete_session(Id=sid)


def test_tags_of_resource_types_not_served_are_entity_not_found(glue):
    arn = "arn:aws:glue:us-east-1:123456789012:trigger/nightly"
    with pytest.raises(ClientError) as excinfo:
        glue.tag_resource(ResourceArn=arn, TagsToAdd={"k": "v"})
    assert error_code(excinfo) == "EntityNotFoundException"
    assert error_message(excinfo) == f"Resource not found: {arn} (Epoxy does not serve trigger resources)"


def test_caller_identity_is_answered_locally(server):
    identity = server.sts().get_caller_identity()
    assert identity["Account"] == "123456789012"
    assert identity["Arn"].startswith("arn:aws:")


def test_killed_driver_fails_its_session_only(glue, session_id):
    victim = create_session(glue)
    wait_ready(glue, victim)
    pid = driver_pid(glue, victim)
    os.kill(pid, signal.SIGKILL)
    failed = wait_for_status(glue, victim, {"FAILED"}, timeout=30)
    assert failed["ErrorMessage"]
    assert "CompletedOn" in failed
    with pytest.raises(ClientError) as excinfo:
        glue.run_statement(SessionId=victim, Code="1")
    assert error_code(excinfo) == "InvalidInputException"
    assert run_ok(glue, session_id, "print('unaffected')") == "unaffected"


def test_os_exit_fails_the_session_with_a_message(glue, session_id):
    victim = create_session(glue)
    wait_ready(glue, victim)
    statement = run(glue, victim, "import os\nos._exit(1)", timeout=60)
    assert statement["State"] in {"ERROR", "AVAILABLE"}
    failed = wait_for_status(glue, victim, {"FAILED"}, timeout=30)
    assert "exit" in failed["ErrorMessage"].lower()
    assert run_ok(glue, session_id, "print('server fine')") == "server fine"


def test_idle_timeout_times_out_and_driver_is_gone(glue):
    sid = create_session(glue, IdleTimeout=1)
    wait_ready(glue, sid)
    pid = driver_pid(glue, sid)
    session = wait_for_status(glue, sid, {"TIMEOUT", "FAILED", "STOPPED"}, timeout=150)
    assert session["Status"] == "TIMEOUT"
    wait_until(lambda: not process_exists(pid), timeout=60, message=f"driver process {pid} to exit")


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); treat it as gone
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def driver_pid(glue, sid: str) -> int:
    """The pid of the session's driver JVM, asked from inside the session."""
    return int(run_ok(glue, sid, "print(sc._jvm.java.lang.ProcessHandle.current().pid())"))
