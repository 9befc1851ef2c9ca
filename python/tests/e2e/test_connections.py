"""Glue connections through boto3 and the AWS CLI v2: CRUD, HidePassword, paging, tags, errors, and the password at rest.

The password is sealed with the server's key (<home>/keys/connections.keys, owner-only) before it reaches the database: the
test looks for it in every file of the server's home but the key file and finds it nowhere.
"""
import json
import stat
import subprocess
import uuid

import pytest
from botocore.exceptions import ClientError

from .epoxy_server import EpoxyServer, required_aws_cli

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
