"""Statements that resist control, through the Glue API with boto3 (issue 6, finding 7): a cancel
that the statement ignores, and a KeyboardInterrupt that no cancel caused."""
import pytest

from .epoxy_server import wait_until
from .sessions import create_session, run, run_ok, wait_ready, wait_statement


@pytest.fixture(scope="module")
def own_session(glue):
    """A session of its own: replacing its interpreter loses every variable of the session."""
    session_id = create_session(glue)
    wait_ready(glue, session_id)
    yield session_id
    glue.delete_session(Id=session_id)


def test_cancel_of_a_statement_that_ignores_sigint_replaces_the_interpreter(glue, own_session, tmp_path):
    assert run_ok(glue, own_session, "kept = 41\nkept + 1") == "42"
    marker = tmp_path / "inside"
    code = (f"open({str(marker)!r}, 'w').close()\n"
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")
    statement_id = glue.run_statement(SessionId=own_session, Code=code)["Id"]
    wait_until(marker.exists, timeout=30, message=f"statement {statement_id} to start its code")

    glue.cancel_statement(SessionId=own_session, Id=statement_id)

    statement = wait_statement(glue, own_session, statement_id, timeout=120)
    assert statement["State"] == "CANCELLED"
    output = statement["Output"]
    assert (output["Status"], output["ErrorName"]) == ("error", "InterpreterRestarted")
    assert "the Python interpreter was killed" in output["Data"]["TextPlain"]
    assert "all variables, imports and functions of this session are lost" in output["ErrorValue"]
    assert glue.get_session(Id=own_session)["Session"]["Status"] == "READY"
    lost = run(glue, own_session, "kept")
    assert (lost["State"], lost["Output"]["Status"], lost["Output"]["ErrorName"]) == ("AVAILABLE", "error", "NameError")
    assert run_ok(glue, own_session, "spark.range(3).count()") == "3"


def test_keyboard_interrupt_raised_by_user_code_is_an_error_not_a_cancel(glue, own_session):
    statement = run(glue, own_session, "raise KeyboardInterrupt")
    assert statement["State"] == "AVAILABLE"
    assert (statement["Output"]["Status"], statement["Output"]["ErrorName"]) == ("error", "KeyboardInterrupt")
