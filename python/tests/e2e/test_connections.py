"""Glue connections through boto3 and the AWS CLI v2: CRUD, HidePassword, paging, tags, errors, and the password at rest;
UpdateConnection, BatchDeleteConnection, TestConnection against a real PostgreSQL, sessions and jobs naming connections,
and ./epoxy rotate-connection-key between two runs of a server.

The password is sealed with the server's key (<home>/keys/connections.keys, owner-only) before it reaches the database: the
test looks for it in every file of the server's home but the key file and finds it nowhere.
"""
import json
import os
import stat
import subprocess
import time
import uuid

import pytest
from botocore.exceptions import ClientError

from .epoxy_server import REPO, ROLE, EpoxyServer, dist, free_port, required_aws_cli
from .postgresql import PostgreSqlServer
from .sessions import create_session, new_session_id, run_ok, wait_ready

# TestConnection's driver timeouts are 10 s and its hard bound 15 s; the answer comes within that, plus slack for a busy machine.
TEST_CONNECTION_BOUND = 20

ACCOUNT = "123456789012"
PASSWORD = "pw-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def server():
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


@pytest.fixture(scope="module")
def glue(server):
    return server.glue()


def jdbc_input(name, url="jdbc:postgresql://db.example:5432/sales", **extra):
    return {"Name": name, "ConnectionType": "JDBC",
            "ConnectionProperties": {"JDBC_CONNECTION_URL": url, "USERNAME": "etl", "PASSWORD": PASSWORD, **extra.pop("properties", {})},
            **extra}


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def test_connection_lifecycle_hide_password_and_tags(glue):
    created = glue.create_connection(ConnectionInput=jdbc_input("My-RDS-Connection", Description="sales replica",
                                                                MatchCriteria=["sales"]), Tags={"team": "etl"})
    assert created["CreateConnectionStatus"] == "READY"

    connection = glue.get_connection(Name="my-rds-connection")["Connection"]
    assert connection["Name"] == "my-rds-connection"
    assert connection["ConnectionType"] == "JDBC" and connection["Description"] == "sales replica"
    assert connection["ConnectionProperties"] == {"JDBC_CONNECTION_URL": "jdbc:postgresql://db.example:5432/sales", "USERNAME": "etl",
                                                  "PASSWORD": PASSWORD}
    assert connection["MatchCriteria"] == ["sales"]
    assert connection["CreationTime"] <= connection["LastUpdatedTime"]
    hidden = glue.get_connection(Name="MY-RDS-CONNECTION", HidePassword=True)["Connection"]
    assert "PASSWORD" not in hidden["ConnectionProperties"] and hidden["ConnectionProperties"]["USERNAME"] == "etl"

    arn = f"arn:aws:glue:us-east-1:{ACCOUNT}:connection/my-rds-connection"
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"team": "etl"}

    assert error_of(lambda: glue.create_connection(ConnectionInput=jdbc_input("my-rds-connection")))[0] == "AlreadyExistsException"
    glue.delete_connection(ConnectionName="My-RDS-Connection")
    assert error_of(lambda: glue.get_connection(Name="my-rds-connection")) == ("EntityNotFoundException", "Connection not found: my-rds-connection")
    assert error_of(lambda: glue.delete_connection(ConnectionName="my-rds-connection"))[0] == "EntityNotFoundException"
    assert error_of(lambda: glue.get_tags(ResourceArn=arn))[0] == "EntityNotFoundException"


def test_get_connections_filters_and_pages_transparently(glue):
    names = [f"page-{index:02d}-{uuid.uuid4().hex[:6]}" for index in range(7)]
    for index, name in enumerate(names):
        glue.create_connection(ConnectionInput=jdbc_input(name, MatchCriteria=["paged"] if index % 2 == 0 else ["other"]))
    pages = list(glue.get_paginator("get_connections").paginate(Filter={"MatchCriteria": ["paged"]}, HidePassword=True,
                                                                 PaginationConfig={"PageSize": 2}))
    listed = [connection["Name"] for page in pages for connection in page["ConnectionList"]]
    assert listed == sorted(name for index, name in enumerate(names) if index % 2 == 0)
    assert len(pages) >= 2
    assert all("PASSWORD" not in connection["ConnectionProperties"] for page in pages for connection in page["ConnectionList"])
    everything = [c["Name"] for page in glue.get_paginator("get_connections").paginate() for c in page["ConnectionList"]]
    assert set(names) <= set(everything)


def test_bad_connections_are_refused_naming_the_problem(glue):
    code, message = error_of(lambda: glue.create_connection(ConnectionInput={
        "Name": "no-url", "ConnectionType": "JDBC", "ConnectionProperties": {"USERNAME": "etl"}}))
    assert code == "InvalidInputException" and "JDBC_CONNECTION_URL" in message and "no-url" in message
    code, message = error_of(lambda: glue.create_connection(ConnectionInput=jdbc_input("with-secret", properties={"SECRET_ID": "prod/db"})))
    assert code == "InvalidInputException" and "SECRET_ID is not supported" in message
    code, _ = error_of(lambda: glue.get_connection(Name="x", CatalogId="999999999999"))
    assert code == "EntityNotFoundException"


def test_the_aws_cli_creates_a_connection_and_the_password_is_sealed_at_rest(server, glue):
    cli = required_aws_cli()
    connection_input = json.dumps(jdbc_input("cli-connection", url="jdbc:mysql://127.0.0.1:3306/shop"))
    result = subprocess.run([cli, "glue", "create-connection", "--endpoint-url", server.endpoint, "--connection-input", connection_input],
                            capture_output=True, text=True, env=server.cli_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([cli, "glue", "get-connection", "--endpoint-url", server.endpoint, "--name", "cli-connection", "--hide-password",
                             "--output", "json"], capture_output=True, text=True, env=server.cli_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout
    assert json.loads(result.stdout)["Connection"]["ConnectionProperties"]["JDBC_CONNECTION_URL"] == "jdbc:mysql://127.0.0.1:3306/shop"
    assert glue.get_connection(Name="cli-connection")["Connection"]["ConnectionProperties"]["PASSWORD"] == PASSWORD

    key_file = server.home / "keys" / "connections.keys"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    for path in server.home.rglob("*"):
        if path.is_file() and path != key_file:
            assert PASSWORD.encode() not in path.read_bytes(), f"the password is in {path}"


@pytest.fixture(scope="module")
def postgresql():
    database = PostgreSqlServer().start()
    yield database
    database.stop()


def key_ids(home):
    return [line.split()[0] for line in (home / "keys" / "connections.keys").read_text().splitlines() if line.strip()]


def test_update_connection_replaces_the_password_and_hide_password_never_shows_it(server, glue):
    glue.create_connection(ConnectionInput=jdbc_input("updated", Description="before"))
    created = glue.get_connection(Name="updated")["Connection"]
    new_password = "pw-" + uuid.uuid4().hex
    glue.update_connection(Name="Updated", ConnectionInput=jdbc_input("updated", url="jdbc:postgresql://db.example:5432/sales2",
                                                                      Description="after", properties={"PASSWORD": new_password}))
    connection = glue.get_connection(Name="updated")["Connection"]
    assert connection["ConnectionProperties"]["PASSWORD"] == new_password
    assert connection["ConnectionProperties"]["JDBC_CONNECTION_URL"] == "jdbc:postgresql://db.example:5432/sales2"
    assert connection["Description"] == "after" and connection["CreationTime"] == created["CreationTime"]
    hidden = glue.get_connection(Name="updated", HidePassword=True)["Connection"]
    assert "PASSWORD" not in hidden["ConnectionProperties"]
    listed = [c for page in glue.get_paginator("get_connections").paginate(HidePassword=True) for c in page["ConnectionList"]]
    assert all("PASSWORD" not in c["ConnectionProperties"] for c in listed)
    cli = required_aws_cli()
    result = subprocess.run([cli, "glue", "get-connection", "--endpoint-url", server.endpoint, "--name", "updated", "--hide-password",
                             "--output", "json"], capture_output=True, text=True, env=server.cli_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert new_password not in result.stdout and PASSWORD not in result.stdout

    # The input replaces the connection: no PASSWORD given, none kept.
    without = jdbc_input("updated")
    del without["ConnectionProperties"]["PASSWORD"]
    glue.update_connection(Name="updated", ConnectionInput=without)
    assert "PASSWORD" not in glue.get_connection(Name="updated")["Connection"]["ConnectionProperties"]

    assert error_of(lambda: glue.update_connection(Name="never-created", ConnectionInput=jdbc_input("never-created"))) == (
        "EntityNotFoundException", "Connection not found: never-created")
    code, message = error_of(lambda: glue.update_connection(Name="updated", ConnectionInput=jdbc_input("renamed")))
    assert code == "InvalidInputException" and "Cannot rename connection updated to renamed" in message


def test_batch_delete_connection_reports_each_missing_name(server, glue):
    glue.create_connection(ConnectionInput=jdbc_input("batch-a"))
    glue.create_connection(ConnectionInput=jdbc_input("batch-b"))
    answer = glue.batch_delete_connection(ConnectionNameList=["batch-a", "batch-missing", "Batch-B"])
    assert answer["Succeeded"] == ["batch-a", "Batch-B"]
    assert answer["Errors"] == {"batch-missing": {"ErrorCode": "EntityNotFoundException", "ErrorMessage": "Connection not found: batch-missing"}}
    assert error_of(lambda: glue.get_connection(Name="batch-b"))[0] == "EntityNotFoundException"

    glue.create_connection(ConnectionInput=jdbc_input("batch-cli"))
    result = subprocess.run([required_aws_cli(), "glue", "batch-delete-connection", "--endpoint-url", server.endpoint,
                             "--connection-name-list", "batch-cli", "batch-cli-missing", "--output", "json"],
                            capture_output=True, text=True, env=server.cli_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["Succeeded"] == ["batch-cli"] and list(answer["Errors"]) == ["batch-cli-missing"]


def test_test_connection_opens_a_real_postgresql(glue, postgresql):
    glue.create_connection(ConnectionInput={"Name": "pg-good", "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": postgresql.jdbc_url, "USERNAME": "epoxy", "PASSWORD": postgresql.password}})
    assert glue.test_connection(ConnectionName="pg-good")["ResponseMetadata"]["HTTPStatusCode"] == 200
    glue.test_connection(TestConnectionInput={"ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": postgresql.jdbc_url, "USERNAME": "epoxy", "PASSWORD": postgresql.password}})


def test_test_connection_with_a_wrong_password_names_the_connection_and_the_reason_without_the_password(glue, postgresql):
    wrong = "wrong-" + uuid.uuid4().hex
    glue.create_connection(ConnectionInput={"Name": "pg-wrong", "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": postgresql.jdbc_url, "USERNAME": "epoxy", "PASSWORD": wrong}})
    with pytest.raises(ClientError) as raised:
        glue.test_connection(ConnectionName="pg-wrong")
    error = raised.value.response["Error"]
    assert error["Code"] == "InvalidInputException"
    assert error["Message"] == 'Connection test failed for connection pg-wrong: FATAL: password authentication failed for user "epoxy"'
    assert wrong not in json.dumps(raised.value.response)


@pytest.mark.parametrize("host", ["closed-loopback-port", "10.255.255.1"])
def test_test_connection_to_nowhere_fails_within_the_bound(glue, host):
    url = f"jdbc:postgresql://127.0.0.1:{free_port()}/x" if host == "closed-loopback-port" else "jdbc:postgresql://10.255.255.1:5432/x"
    name = "nowhere-" + uuid.uuid4().hex[:8]
    glue.create_connection(ConnectionInput={"Name": name, "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": url, "USERNAME": "etl", "PASSWORD": PASSWORD}})
    started = time.monotonic()
    with pytest.raises(ClientError) as raised:
        glue.test_connection(ConnectionName=name)
    assert time.monotonic() - started < TEST_CONNECTION_BOUND
    error = raised.value.response["Error"]
    assert error["Code"] in ("InvalidInputException", "OperationTimeoutException")
    assert error["Message"].startswith(f"Connection test failed for connection {name}: ")
    assert PASSWORD not in error["Message"]


def test_create_session_with_an_unknown_connection_fails_at_once_naming_it(glue):
    session_id = new_session_id("conn")
    code, message = error_of(lambda: create_session(glue, session_id, Connections={"Connections": ["no-such-connection"]}))
    assert code == "InvalidInputException"
    assert message == f"Cannot use connection no-such-connection for session {session_id}: connection not found"
    assert error_of(lambda: glue.get_session(Id=session_id))[0] == "EntityNotFoundException"


def test_create_job_with_an_unknown_connection_fails_naming_it(glue):
    name = "conn-job-" + uuid.uuid4().hex[:8]
    code, message = error_of(lambda: glue.create_job(Name=name, Role=ROLE, Command={"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"},
                                                     Connections={"Connections": ["no-such-connection"]}))
    assert (code, message) == ("InvalidInputException", f"Cannot use connection no-such-connection for job {name}: connection not found")
    assert error_of(lambda: glue.get_job(JobName=name))[0] == "EntityNotFoundException"


def test_a_session_names_its_connections_in_its_conf_and_no_credential(server, glue):
    password = "pw-" + uuid.uuid4().hex
    glue.create_connection(ConnectionInput=jdbc_input("session-db", properties={"PASSWORD": password}))
    session_id = create_session(glue, new_session_id("conn"), Connections={"Connections": ["session-db"]})
    try:
        wait_ready(glue, session_id)
        assert run_ok(glue, session_id, 'print(spark.conf.get("spark.epoxy.connections"))') == "session-db"
        # The driver's JVM and Python processes, read from this side: the password must not be sent in a statement (statements are stored).
        pids = run_ok(glue, session_id, "import os\nprint(os.getpid(), spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())").split()
        for pid in pids:
            for part in ("cmdline", "environ"):
                assert password.encode() not in open(f"/proc/{pid}/{part}", "rb").read(), f"the password is in /proc/{pid}/{part}"
    finally:
        glue.stop_session(Id=session_id)
    # Files the session wrote (its driver's properties and log) hold no password either.
    key_file = server.home / "keys" / "connections.keys"
    for path in server.home.rglob("*"):
        if path.is_file() and path != key_file:
            assert password.encode() not in path.read_bytes(), f"the password is in {path}"


def rotate_key(home):
    env = dict(os.environ)
    env["EPOXY_DIST"] = str(dist())
    return subprocess.run([str(REPO / "epoxy"), "rotate-connection-key", "--home", str(home)], capture_output=True, text=True, env=env, timeout=120)


def test_rotating_the_key_keeps_every_password(tmp_path):
    home = tmp_path / "home"
    password = "pw-" + uuid.uuid4().hex
    first = EpoxyServer(home=home).start()
    try:
        first.glue().create_connection(ConnectionInput=jdbc_input("rotated", properties={"PASSWORD": password}))
        before = key_ids(home)
        # While the server holds its database, the command changes nothing.
        refused = rotate_key(home)
        assert refused.returncode != 0 and "the server must be stopped" in refused.stderr, refused.stdout + refused.stderr
        assert key_ids(home) == before
    finally:
        first.stop()

    rotated = rotate_key(home)
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    after = key_ids(home)
    assert after[0] != before[0] and after == [after[0]], after
    assert "1 connection secret(s) re-sealed" in rotated.stdout
    assert stat.S_IMODE((home / "keys" / "connections.keys").stat().st_mode) == 0o600

    second = EpoxyServer(home=home).start()
    try:
        connection = second.glue().get_connection(Name="rotated", HidePassword=False)["Connection"]
        assert connection["ConnectionProperties"]["PASSWORD"] == password
    finally:
        second.stop()
