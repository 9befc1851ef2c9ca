"""GetStatement held for the official kernels' sessions, and Statement.Progress from Spark tasks (issue 10, item 5).

Real server, real drivers, boto3. The server holds answers for up to ten minutes here, so an answer that says
AVAILABLE to the first GetStatement of a statement that sleeps was held until the statement finished, and an
answer that says RUNNING was not held.
"""
from __future__ import annotations

import time

import pytest

from .epoxy_server import EpoxyServer
from .sessions import create_session, wait_ready

KERNEL_ORIGIN = "GluePySparkKernel"
# 40 Spark tasks of 0.25 s each: some seconds of a statement whose tasks finish one after another.
SPARK_STATEMENT = "import time\nspark.sparkContext.parallelize(range(40), 40).foreach(lambda _: time.sleep(0.25))\nprint('done')"


@pytest.fixture(scope="module")
def holding_server():
    server = EpoxyServer(extra_config={"epoxy.session.statement-wait": "10m"}).start()
    yield server
    server.stop()


def test_kernel_sessions_first_get_statement_answers_when_the_statement_finishes(holding_server):
    glue = holding_server.glue()
    session_id = create_session(glue, RequestOrigin=KERNEL_ORIGIN)
    try:
        wait_ready(glue, session_id)
        statement_id = glue.run_statement(SessionId=session_id, Code="import time\ntime.sleep(2)\nprint(1 + 1)")["Id"]

        statement = glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]

        assert statement["State"] == "AVAILABLE", statement
        assert statement["Output"]["Data"]["TextPlain"] == "2"
        assert statement["Progress"] == 1.0
    finally:
        glue.delete_session(Id=session_id)


def test_other_clients_see_progress_advance_while_spark_tasks_finish(holding_server):
    glue = holding_server.glue()
    session_id = create_session(glue)
    try:
        wait_ready(glue, session_id)
        statement_id = glue.run_statement(SessionId=session_id, Code=SPARK_STATEMENT)["Id"]

        seen = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            statement = glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]
            seen.append((statement["State"], statement["Progress"]))
            if statement["State"] in {"AVAILABLE", "ERROR", "CANCELLED"}:
                break
            time.sleep(0.05)

        # Not held: a session without the kernels' RequestOrigin gets the unfinished statement at once.
        assert seen[0][0] in {"WAITING", "RUNNING"}, seen[:3]
        assert statement["State"] == "AVAILABLE", statement
        assert statement["Output"]["Data"]["TextPlain"] == "done"
        assert statement["Progress"] == 1.0
        unfinished = [progress for state, progress in seen if state == "RUNNING"]
        assert any(0 < progress < 1 for progress in unfinished), seen
        assert unfinished == sorted(unfinished), f"progress went backwards: {seen}"
    finally:
        glue.delete_session(Id=session_id)
