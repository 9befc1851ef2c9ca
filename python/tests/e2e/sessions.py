"""Helpers that drive sessions the way a notebook kernel does: create, wait, run, poll."""
from __future__ import annotations

import uuid

from .epoxy_server import ROLE, wait_until

TERMINAL_STATEMENT_STATES = {"AVAILABLE", "ERROR", "CANCELLED"}


def new_session_id(prefix: str = "e2e") -> str:
    return f"{prefix}-{uuid.uuid4()}"


def create_session(glue, session_id: str | None = None, **overrides) -> str:
    session_id = session_id or new_session_id()
    request = {
        "Id": session_id,
        "Role": ROLE,
        "Command": {"Name": "glueetl", "PythonVersion": "3"},
        "WorkerType": "G.1X",
        "NumberOfWorkers": 2,
        "GlueVersion": "5.0",
    }
    request.update(overrides)
    glue.create_session(**request)
    return session_id


def wait_for_status(glue, session_id: str, statuses: set[str], timeout: float = 120) -> dict:
    return wait_until(
        lambda: (lambda s: s if s["Status"] in statuses else None)(glue.get_session(Id=session_id)["Session"]),
        timeout=timeout, interval=0.2, message=f"session {session_id} to reach {statuses}")


def wait_ready(glue, session_id: str, timeout: float = 120) -> dict:
    session = wait_for_status(glue, session_id, {"READY", "FAILED", "TIMEOUT", "STOPPED"}, timeout)
    assert session["Status"] == "READY", f"session {session_id} is {session['Status']}: {session.get('ErrorMessage')}"
    return session


def wait_statement(glue, session_id: str, statement_id: int, timeout: float = 120) -> dict:
    return wait_until(
        lambda: (lambda s: s if s["State"] in TERMINAL_STATEMENT_STATES else None)(
            glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]),
        timeout=timeout, interval=0.05, message=f"statement {statement_id} of {session_id} to finish")


def run(glue, session_id: str, code: str, timeout: float = 120) -> dict:
    statement_id = glue.run_statement(SessionId=session_id, Code=code)["Id"]
    return wait_statement(glue, session_id, statement_id, timeout)


def run_ok(glue, session_id: str, code: str, timeout: float = 120) -> str:
    statement = run(glue, session_id, code, timeout)
    output = statement["Output"]
    assert statement["State"] == "AVAILABLE" and output["Status"] == "ok", f"statement failed: {output}"
    return output["Data"].get("TextPlain", "")
