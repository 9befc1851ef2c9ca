"""The Data Catalog's databases, tables and table versions through boto3 and the AWS CLI v2, against the real
server on its embedded store and on PostgreSQL (Debian's package, started here)."""
import json
import subprocess
import uuid

import pytest

from .epoxy_server import EpoxyServer, required_aws_cli

ACCOUNT = "123456789012"


@pytest.fixture
def glue(catalog_server):
    return catalog_server.glue()


@pytest.fixture
def db(glue):
    """A fresh database for one test, named with upper-case letters (Glue stores names lower-case)."""
    name = f"Sales_{uuid.uuid4().hex[:8]}"
    glue.create_database(DatabaseInput={"Name": name, "Description": "test database", "LocationUri": "s3://bucket/sales/",
                                        "Parameters": {"owner": "data"}})
    return name.lower()


def table_input(name, **extra):
    table = {
        "Name": name,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "json"},
        "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}],
        "StorageDescriptor": {
            "Columns": [{"Name": "order_id", "Type": "bigint", "Comment": "id"}, {"Name": "amount", "Type": "double"}],
            "Location": f"s3://bucket/sales/{name}/",
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe", "Parameters": {"paths": "order_id,amount"}},
        },
    }
    table.update(extra)
    return table


def error_of(call, **kwargs):
    with pytest.raises(Exception) as raised:
        call(**kwargs)
    response = raised.value.response
    return response["Error"]["Code"], response["Error"]["Message"]


def test_database_lifecycle(glue, db):
    database = glue.get_database(Name=db.upper())["Database"]
    assert database["Name"] == db
    assert database["Description"] == "test database"
    assert database["LocationUri"] == "s3://bucket/sales/"
    assert database["Parameters"] == {"owner": "data"}
    assert database["CatalogId"] == ACCOUNT
    assert database["CreateTableDefaultPermissions"] == [
        {"Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"}, "Permissions": ["ALL"]}]
    assert db in [d["Name"] for d in glue.get_paginator("get_databases").paginate().build_full_result()["DatabaseList"]]

    glue.update_database(Name=db, DatabaseInput={"Name": db, "Description": "changed"})
    updated = glue.get_database(Name=db)["Database"]
    assert updated["Description"] == "changed"
    assert "LocationUri" not in updated
    assert updated["CreateTime"] == database["CreateTime"]

    glue.delete_database(Name=db)
    assert error_of(glue.get_database, Name=db) == ("EntityNotFoundException", f"Database not found: {db}")


def test_get_databases_pages_through_the_paginator(glue):
    prefix = f"paged_{uuid.uuid4().hex[:6]}"
    names = [f"{prefix}_{i}" for i in range(5)]
    for name in names:
        glue.create_database(DatabaseInput={"Name": name})
    pages = list(glue.get_paginator("get_databases").paginate(PaginationConfig={"PageSize": 2}))
    assert all(len(page["DatabaseList"]) <= 2 for page in pages)
    listed = [d["Name"] for page in pages for d in page["DatabaseList"]]
    assert listed == sorted(listed)
    assert [name for name in listed if name.startswith(prefix)] == names
    assert len(listed) == len(set(listed))


def test_table_lifecycle_and_versions(glue, db):
    glue.create_table(DatabaseName=db, TableInput=table_input("Raw_Orders"))
    table = glue.get_table(DatabaseName=db, Name="RAW_ORDERS")["Table"]
    assert table["Name"] == "raw_orders"
    assert table["DatabaseName"] == db
    assert table["CatalogId"] == ACCOUNT
    assert table["VersionId"] == "0"
    assert table["IsRegisteredWithLakeFormation"] is False
    assert table["CreateTime"] == table["UpdateTime"]
    expected = table_input("Raw_Orders")
    for member in ("TableType", "Parameters", "PartitionKeys", "StorageDescriptor"):
        assert table[member] == expected[member], member

    glue.update_table(DatabaseName=db, TableInput=table_input("raw_orders", Description="v1"))
    glue.update_table(DatabaseName=db, TableInput=table_input("raw_orders", Description="v2"), VersionId="1")
    current = glue.get_table(DatabaseName=db, Name="raw_orders")["Table"]
    assert (current["VersionId"], current["Description"], current["CreateTime"]) == ("2", "v2", table["CreateTime"])

    versions = glue.get_paginator("get_table_versions").paginate(DatabaseName=db, TableName="raw_orders",
                                                                 PaginationConfig={"PageSize": 1}).build_full_result()["TableVersions"]
    assert [v["VersionId"] for v in versions] == ["2", "1", "0"]
    assert [v["Table"].get("Description") for v in versions] == ["v2", "v1", None]
    assert glue.get_table_version(DatabaseName=db, TableName="raw_orders", VersionId="1")["TableVersion"]["Table"]["Description"] == "v1"
    assert glue.get_table_version(DatabaseName=db, TableName="raw_orders")["TableVersion"]["VersionId"] == "2"

    # SkipArchive replaces the current version instead of keeping it.
    glue.update_table(DatabaseName=db, TableInput=table_input("raw_orders", Description="v3"), SkipArchive=True)
    versions = glue.get_table_versions(DatabaseName=db, TableName="raw_orders")["TableVersions"]
    assert [v["VersionId"] for v in versions] == ["3", "1", "0"]

    glue.delete_table_version(DatabaseName=db, TableName="raw_orders", VersionId="0")
    errors = glue.batch_delete_table_version(DatabaseName=db, TableName="raw_orders", VersionIds=["1", "0", "3"])["Errors"]
    assert [(e["VersionId"], e["ErrorDetail"]["ErrorCode"]) for e in errors] == [("0", "EntityNotFoundException"), ("3", "InvalidInputException")]
    assert [v["VersionId"] for v in glue.get_table_versions(DatabaseName=db, TableName="raw_orders")["TableVersions"]] == ["3"]

    error = error_of(glue.update_table, DatabaseName=db, TableInput=table_input("raw_orders"), VersionId="1")
    assert error == ("ConcurrentModificationException", f"Cannot update table {db}.raw_orders at version 1: its current version is 3")

    glue.delete_table(DatabaseName=db, Name="raw_orders")
    assert error_of(glue.get_table, DatabaseName=db, Name="raw_orders") == ("EntityNotFoundException", f"Table not found: {db}.raw_orders")


def test_get_tables_with_expression_pages_through_the_paginator(glue, db):
    names = ["raw_orders", "raw_items", "clean_orders", "raw_users", "summary"]
    for name in names:
        glue.create_table(DatabaseName=db, TableInput=table_input(name))
    pages = list(glue.get_paginator("get_tables").paginate(DatabaseName=db, PaginationConfig={"PageSize": 2}))
    assert [len(page["TableList"]) for page in pages] == [2, 2, 1]
    assert [t["Name"] for page in pages for t in page["TableList"]] == sorted(names)

    matched = glue.get_paginator("get_tables").paginate(DatabaseName=db, Expression="raw*", PaginationConfig={"PageSize": 2}).build_full_result()
    assert [t["Name"] for t in matched["TableList"]] == ["raw_items", "raw_orders", "raw_users"]
    assert [t["Name"] for t in glue.get_tables(DatabaseName=db, Expression=".*orders")["TableList"]] == ["clean_orders", "raw_orders"]
    assert [t["Name"] for t in glue.get_tables(DatabaseName=db, Expression="summary|clean_orders")["TableList"]] == ["clean_orders", "summary"]
    only_names = glue.get_tables(DatabaseName=db, Expression="summary", AttributesToGet=["NAME"])["TableList"]
    assert only_names == [{"Name": "summary"}]
    code, message = error_of(glue.get_tables, DatabaseName=db, Expression="raw_(")
    assert code == "InvalidInputException" and message.startswith("Invalid Expression: raw_( is not a valid pattern")


def test_batch_delete_table_and_cascading_delete_database(glue, db):
    for name in ("a", "b", "c"):
        glue.create_table(DatabaseName=db, TableInput=table_input(name))
    glue.update_table(DatabaseName=db, TableInput=table_input("c", Description="archived one"))
    errors = glue.batch_delete_table(DatabaseName=db, TablesToDelete=["A", "missing"])["Errors"]
    assert errors == [{"TableName": "missing", "ErrorDetail": {"ErrorCode": "EntityNotFoundException",
                                                               "ErrorMessage": f"Table not found: {db}.missing"}}]
    assert [t["Name"] for t in glue.get_tables(DatabaseName=db)["TableList"]] == ["b", "c"]

    glue.delete_database(Name=db)
    glue.create_database(DatabaseInput={"Name": db})
    assert glue.get_tables(DatabaseName=db)["TableList"] == []
    assert error_of(glue.get_table_versions, DatabaseName=db, TableName="c")[0] == "EntityNotFoundException"


def test_errors_name_the_culprit(glue, db):
    assert error_of(glue.create_database, DatabaseInput={"Name": db.upper()}) == ("AlreadyExistsException", f"Database already exists: {db}")
    glue.create_table(DatabaseName=db, TableInput=table_input("t"))
    assert error_of(glue.create_table, DatabaseName=db, TableInput=table_input("T")) == ("AlreadyExistsException", f"Table already exists: {db}.t")
    assert error_of(glue.create_table, DatabaseName="no_such_db", TableInput=table_input("t")) == ("EntityNotFoundException", "Database not found: no_such_db")
    assert error_of(glue.get_tables, DatabaseName="no_such_db") == ("EntityNotFoundException", "Database not found: no_such_db")
    assert error_of(glue.get_database, CatalogId="999999999999", Name=db) == ("EntityNotFoundException", "Catalog not found: 999999999999")
    assert glue.get_database(CatalogId=ACCOUNT, Name=db)["Database"]["Name"] == db

    code, message = error_of(glue.create_database, DatabaseInput={"Name": "x" * 256})
    assert code == "InvalidInputException"
    assert "at 'DatabaseInput.Name' failed to satisfy constraint: Member must have length less than or equal to 255" in message
    code, message = error_of(glue.create_table, DatabaseName=db, TableInput=table_input("bad\u0001name"))
    assert code == "InvalidInputException"
    assert "at 'TableInput.Name' failed to satisfy constraint: Member must satisfy regular expression pattern" in message
    assert error_of(glue.get_databases, NextToken="forged") == ("InvalidInputException", "Invalid NextToken: forged")


def test_databases_and_tables_carry_tags(glue):
    name = f"tagged_{uuid.uuid4().hex[:8]}"
    glue.create_database(DatabaseInput={"Name": name}, Tags={"team": "data"})
    glue.create_table(DatabaseName=name, TableInput=table_input("orders"))
    database_arn = f"arn:aws:glue:us-east-1:{ACCOUNT}:database/{name}"
    table_arn = f"arn:aws:glue:us-east-1:{ACCOUNT}:table/{name}/orders"
    glue.tag_resource(ResourceArn=table_arn, TagsToAdd={"layer": "raw", "pii": "no"})
    glue.untag_resource(ResourceArn=table_arn, TagsToRemove=["pii"])
    assert glue.get_tags(ResourceArn=database_arn)["Tags"] == {"team": "data"}
    assert glue.get_tags(ResourceArn=table_arn)["Tags"] == {"layer": "raw"}
    assert error_of(glue.get_tags, ResourceArn=f"arn:aws:glue:us-east-1:{ACCOUNT}:table/{name}/missing") == (
        "EntityNotFoundException", f"Table not found: {name}.missing")

    # A deleted database takes its tags and its tables' tags along: namesakes start untagged.
    glue.delete_database(Name=name)
    glue.create_database(DatabaseInput={"Name": name})
    glue.create_table(DatabaseName=name, TableInput=table_input("orders"))
    assert glue.get_tags(ResourceArn=database_arn)["Tags"] == {}
    assert glue.get_tags(ResourceArn=table_arn)["Tags"] == {}


def aws(server, *args):
    command = [required_aws_cli(), "--endpoint-url", server.endpoint, "--output", "json", "glue", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=server.cli_env(), timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"aws glue {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout) if result.stdout.strip() else {}


def test_aws_cli_v2_creates_and_pages_tables(catalog_server):
    db = f"cli_{uuid.uuid4().hex[:8]}"
    aws(catalog_server, "create-database", "--database-input", json.dumps({"Name": db, "Description": "from the CLI"}))
    for i in range(5):
        aws(catalog_server, "create-table", "--database-name", db, "--table-input", json.dumps(table_input(f"t{i}")))
    # The CLI's paginator calls GetTables until NextToken runs out: two tables per call here.
    listed = aws(catalog_server, "get-tables", "--database-name", db, "--page-size", "2")
    assert [t["Name"] for t in listed["TableList"]] == [f"t{i}" for i in range(5)]
    assert "NextToken" not in listed
    first_three = aws(catalog_server, "get-tables", "--database-name", db, "--page-size", "2", "--max-items", "3")
    assert [t["Name"] for t in first_three["TableList"]] == ["t0", "t1", "t2"]
    assert first_three["NextToken"]
    table = aws(catalog_server, "get-table", "--database-name", db, "--name", "T3")["Table"]
    assert table["StorageDescriptor"]["Location"] == "s3://bucket/sales/t3/"
    assert aws(catalog_server, "get-database", "--name", db)["Database"]["Description"] == "from the CLI"
    aws(catalog_server, "delete-database", "--name", db)
    assert db not in [d["Name"] for d in aws(catalog_server, "get-databases")["DatabaseList"]]


def test_tables_survive_a_restart(tmp_path):
    home = tmp_path / "home"
    first = EpoxyServer(home=home).start()
    try:
        glue = first.glue()
        glue.create_database(DatabaseInput={"Name": "kept"})
        glue.create_table(DatabaseName="kept", TableInput=table_input("orders"))
        glue.update_table(DatabaseName="kept", TableInput=table_input("orders", Description="second"))
        before = glue.get_table(DatabaseName="kept", Name="orders")["Table"]
    finally:
        first.stop()

    second = EpoxyServer(home=home).start()
    try:
        glue = second.glue()
        assert glue.get_table(DatabaseName="kept", Name="orders")["Table"] == before
        assert [v["VersionId"] for v in glue.get_table_versions(DatabaseName="kept", TableName="orders")["TableVersions"]] == ["1", "0"]
    finally:
        second.stop()
