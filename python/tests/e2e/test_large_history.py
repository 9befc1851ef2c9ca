"""Issue 6, findings 1 and 3: a long history of large outputs can neither take the server down nor
make DeleteSession slow. A session holds 300 statements that each printed about 1 MiB; 8 clients
page through ListStatements and ListSessions at once; then DeleteSession answers, the id is free
again and the database file gives the space back."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from .epoxy_server import CREDENTIALS, REGION, EpoxyServer, wait_until
from .sessions import create_session, run, run_ok, wait_ready

STATEMENTS = 300
# Just under epoxy.session.max-output-bytes (1 MiB), so that nothing is truncated.
OUTPUT_CHARS = 1_048_000
CLIENTS = 8


def expected_output(index: int) -> str:
    """What statement `index` prints, computed here, independently of the server."""
    unit = f"<statement {index}>"
    return (unit * (OUTPUT_CHARS // len(unit) + 1))[:OUTPUT_CHARS]


def code_for(index: int) -> str:
    return f"unit = '<statement {index}>'\nprint((unit * ({OUTPUT_CHARS} // len(unit) + 1))[:{OUTPUT_CHARS}])"


def database_file(home: Path) -> Path:
    files = list(home.rglob("*.mv.db"))
    assert len(files) == 1, f"one H2 file under the server home, found {files}"
    return files[0]


@pytest.fixture(scope="module")
def large_history(tmp_path_factory):
    server = EpoxyServer(home=tmp_path_factory.mktemp("large-history") / "home").start()
    try:
        glue = server.glue()
        sid = create_session(glue)
        wait_ready(glue, sid)
        for index in range(STATEMENTS):
            statement = run(glue, sid, code_for(index))
            assert statement["State"] == "AVAILABLE", f"statement {index}: {statement.get('Output')}"
        yield server, sid
    finally:
        server.stop()


def client(server):
    # botocore's default read timeout (60 s), one attempt: an answer must come, and without a retry.
    return boto3.client("glue", endpoint_url=server.endpoint, region_name=REGION,
                        config=Config(retries={"max_attempts": 1, "mode": "standard"}), **CREDENTIALS)


def all_statements(glue, sid):
    statements, pages, token = [], 0, None
    while True:
        response = glue.list_statements(SessionId=sid, **({"NextToken": token} if token else {}))
        pages += 1
        # Bounded pages: a few MiB, whatever the history holds.
        assert int(response["ResponseMetadata"]["HTTPHeaders"]["content-length"]) < 8 * 1024 * 1024
        statements += response["Statements"]
        token = response.get("NextToken")
        if not token:
            return statements, pages


def all_sessions(glue):
    ids, token = [], None
    while True:
        response = glue.list_sessions(**({"NextToken": token} if token else {}))
        ids += response["Ids"]
        token = response.get("NextToken")
        if not token:
            return ids


def test_concurrent_listing_of_a_large_history_answers_every_call(large_history):
    server, sid = large_history

    def list_everything(_):
        glue = client(server)
        statements, pages = all_statements(glue, sid)
        sessions = all_sessions(glue)
        # Compare here and keep only a verdict, so that 8 copies of 300 MiB are not held at once.
        outputs_match = [s["Output"]["Data"]["TextPlain"].rstrip("\n") == expected_output(i) for i, s in enumerate(statements)]
        return [s["Id"] for s in statements], [s["State"] for s in statements], all(outputs_match), pages, sessions

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(list_everything, range(CLIENTS)))

    assert len(results) == CLIENTS
    for ids, states, outputs_match, pages, sessions in results:
        assert ids == list(range(1, STATEMENTS + 1))
        assert set(states) == {"AVAILABLE"}
        assert outputs_match
        assert pages > 1
        assert sid in sessions


def test_first_page_without_a_token_is_bounded_and_points_to_the_next(large_history):
    server, sid = large_history
    first = client(server).list_statements(SessionId=sid)
    assert 1 <= len(first["Statements"]) < STATEMENTS
    assert first["Statements"][0]["Id"] == 1
    assert first["NextToken"]


def test_server_stays_healthy_after_the_listing(large_history):
    server, sid = large_history
    glue = client(server)
    assert glue.get_session(Id=sid)["Session"]["Status"] == "READY"
    assert run_ok(glue, sid, "print(6 * 7)") == "42"
    statement = glue.get_statement(SessionId=sid, Id=STATEMENTS)["Statement"]
    assert statement["Output"]["Data"]["TextPlain"].rstrip("\n") == expected_output(STATEMENTS - 1)


def test_deleting_the_large_history_answers_frees_the_id_and_the_file_space(large_history):
    server, sid = large_history
    glue = client(server)
    file = database_file(server.home)
    filled = file.stat().st_size
    assert filled > 300 * 1024 * 1024, f"the database file holds the history: {filled} bytes"

    assert glue.delete_session(Id=sid)["Id"] == sid

    # The id is free again at once, and nothing of the old history shows.
    create_session(glue, session_id=sid)
    assert glue.list_statements(SessionId=sid)["Statements"] == []
    assert glue.get_session(Id=sid)["Session"]["Status"] in {"PROVISIONING", "READY"}
    # The history is purged in the background; H2 gives the file space back when it closes.
    wait_until(lambda: "Purged " in server.log_path.read_text(), timeout=300, interval=1,
               message="the server to log the purge of the deleted history")
    glue.delete_session(Id=sid)
    server.stop()
    assert file.stat().st_size < filled // 4, f"file of {file.stat().st_size} bytes after the purge, {filled} before"

    restarted = EpoxyServer(home=server.home).start()
    try:
        again = client(restarted)
        create_session(again, session_id=sid)
        assert again.list_statements(SessionId=sid)["Statements"] == []
        again.delete_session(Id=sid)
    finally:
        restarted.stop()
