"""Partition operations of the Data Catalog, through boto3 and the AWS CLI v2 against the real server."""
import datetime
import json
import subprocess
import uuid

import pytest
from botocore.exceptions import ClientError

from .epoxy_server import required_aws_cli

KEYS = [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "int"}, {"Name": "day", "Type": "date"}]


def new_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def database(glue):
    name = new_name("partitions_db")
    glue.create_database(DatabaseInput={"Name": name})
    yield name
    try:
        glue.delete_database(Name=name)
    except ClientError:
        pass


def create_table(glue, database: str, keys=KEYS) -> str:
    name = new_name("events")
    glue.create_table(DatabaseName=database, TableInput={
        "Name": name, "PartitionKeys": keys,
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}], "Location": f"s3://bucket/{name}/"}})
    return name


def storage(location: str) -> dict:
    return {"Columns": [{"Name": "id", "Type": "bigint", "Comment": "row id"}], "Location": location,
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe", "Parameters": {"paths": "id"}},
            "Compressed": False, "NumberOfBuckets": -1, "StoredAsSubDirectories": False}


def error_of(call) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def all_values(glue, database, table, **arguments) -> list[list[str]]:
    paginator = glue.get_paginator("get_partitions")
    return [partition["Values"] for page in paginator.paginate(DatabaseName=database, TableName=table, **arguments)
            for partition in page["Partitions"]]


def dates(count: int) -> list[list[str]]:
    start = datetime.date(2025, 11, 20)
    return [[str(day.year), str(day.month), day.isoformat()] for day in (start + datetime.timedelta(days=i) for i in range(count))]


def load(glue, database, table, values: list[list[str]]):
    for offset in range(0, len(values), 100):
        response = glue.batch_create_partition(DatabaseName=database, TableName=table, PartitionInputList=[
            {"Values": v, "StorageDescriptor": storage(f"s3://bucket/{table}/{'/'.join(v)}/")} for v in values[offset:offset + 100]])
        assert response["Errors"] == []


def test_a_partition_round_trips_and_inherits_nothing(glue, database):
    table = create_table(glue, database)
    sent = {"Values": ["2026", "2", "2026-02-01"], "StorageDescriptor": storage("s3://bucket/t/2026/2/"),
            "Parameters": {"numRows": "42"}, "LastAccessTime": datetime.datetime(2026, 2, 3, tzinfo=datetime.timezone.utc)}
    glue.create_partition(DatabaseName=database, TableName=table, PartitionInput=sent)
    glue.create_partition(DatabaseName=database, TableName=table, PartitionInput={"Values": ["2026", "3", "2026-03-01"]})

    got = glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=["2026", "2", "2026-02-01"])["Partition"]
    assert got["Values"] == sent["Values"]
    assert got["DatabaseName"] == database and got["TableName"] == table
    assert got["StorageDescriptor"] == sent["StorageDescriptor"]
    assert got["Parameters"] == {"numRows": "42"}
    assert got["LastAccessTime"] == sent["LastAccessTime"]
    assert got["CatalogId"] == "123456789012"
    assert abs((got["CreationTime"] - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) < 600
    bare = glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=["2026", "3", "2026-03-01"])["Partition"]
    assert "StorageDescriptor" not in bare  # the table's descriptor is not copied in, as on AWS


def test_bad_partitions_get_aws_errors_naming_the_culprit(glue, database):
    table = create_table(glue, database)
    glue.create_partition(DatabaseName=database, TableName=table, PartitionInput={"Values": ["2026", "1", "2026-01-01"]})

    code, message = error_of(lambda: glue.create_partition(DatabaseName=database, TableName=table, PartitionInput={"Values": ["2026"]}))
    assert code == "InvalidInputException" and "year, month, day" in message and "got 1" in message
    code, _ = error_of(lambda: glue.create_partition(DatabaseName=database, TableName=table,
                                                     PartitionInput={"Values": ["2026", "1", "2026-01-01"]}))
    assert code == "AlreadyExistsException"
    code, message = error_of(lambda: glue.create_partition(DatabaseName=database, TableName="missing_table",
                                                           PartitionInput={"Values": ["1", "1", "1"]}))
    assert code == "EntityNotFoundException" and "missing_table" in message
    code, _ = error_of(lambda: glue.get_partitions(DatabaseName=new_name("missing_db"), TableName=table))
    assert code == "EntityNotFoundException"
    code, message = error_of(lambda: glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=["2026", "9", "2026-09-09"]))
    assert code == "EntityNotFoundException" and "2026, 9, 2026-09-09" in message


def test_batch_create_creates_the_good_entries_and_reports_each_failure(glue, database):
    table = create_table(glue, database)
    glue.create_partition(DatabaseName=database, TableName=table, PartitionInput={"Values": ["2026", "1", "2026-01-01"]})
    response = glue.batch_create_partition(DatabaseName=database, TableName=table, PartitionInputList=[
        {"Values": ["2026", "2", "2026-02-01"]},
        {"Values": ["2026", "1", "2026-01-01"]},        # exists already
        {"Values": ["2026", "3"]},                      # too few values
        {"Values": ["2026", "4", "2026-04-01"]},
        {"Values": ["2026", "4", "2026-04-01"]},        # repeated in the batch
    ])
    failures = sorted((error["PartitionValues"], error["ErrorDetail"]["ErrorCode"]) for error in response["Errors"])
    assert failures == [(["2026", "1", "2026-01-01"], "AlreadyExistsException"),
                        (["2026", "3"], "InvalidInputException"),
                        (["2026", "4", "2026-04-01"], "AlreadyExistsException")]
    assert all(error["ErrorDetail"]["ErrorMessage"] for error in response["Errors"])
    assert sorted(all_values(glue, database, table)) == [["2026", "1", "2026-01-01"], ["2026", "2", "2026-02-01"], ["2026", "4", "2026-04-01"]]


EXPRESSIONS = {
    # Expression -> the same predicate in Python over (year, month, day) as strings
    "year = '2026'": lambda y, m, d: y == "2026",
    "month = 12 AND year = '2025'": lambda y, m, d: int(m) == 12 and y == "2025",
    "month < '10'": lambda y, m, d: int(m) < 10,  # typed: int key, numeric comparison
    "month IN (1, 3) OR NOT year <> '2025'": lambda y, m, d: int(m) in (1, 3) or y == "2025",
    "day BETWEEN '2025-12-30' AND '2026-01-02'": lambda y, m, d: "2025-12-30" <= d <= "2026-01-02",
    "day LIKE '2026-0_-1%' AND NOT (month >= 2 AND `YEAR` = '2026')": lambda y, m, d: d.startswith("2026-0") and d[8] == "1" and not (int(m) >= 2 and y == "2026"),
    "day > '2026-02-27' or day < '2025-11-22'": lambda y, m, d: d > "2026-02-27" or d < "2025-11-22",
}


def test_get_partitions_evaluates_expressions_typed_by_key(glue, database):
    table = create_table(glue, database)
    values = dates(100)
    load(glue, database, table, values)
    for expression, predicate in EXPRESSIONS.items():
        expected = sorted(v for v in values if predicate(*v))
        assert 0 < len(expected) < len(values), expression
        assert sorted(all_values(glue, database, table, Expression=expression)) == expected, expression


def test_botocore_paginator_and_segments_cover_every_partition_once(glue, database):
    table = create_table(glue, database)
    values = dates(250)
    load(glue, database, table, values)

    pages = list(glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=table, PaginationConfig={"PageSize": 40}))
    assert [len(page["Partitions"]) for page in pages] == [40] * 6 + [10]
    assert sorted(p["Values"] for page in pages for p in page["Partitions"]) == sorted(values)

    segments = [all_values(glue, database, table, Segment={"SegmentNumber": n, "TotalSegments": 4}, PaginationConfig={"PageSize": 25})
                for n in range(4)]
    assert all(segments), "every segment of 250 partitions holds some"
    assert sorted(v for segment in segments for v in segment) == sorted(values)  # disjoint and complete

    expression = "month IN (1, 2)"
    filtered = [all_values(glue, database, table, Expression=expression, Segment={"SegmentNumber": n, "TotalSegments": 3}) for n in range(3)]
    assert sorted(v for segment in filtered for v in segment) == sorted(v for v in values if v[1] in ("1", "2"))

    code, _ = error_of(lambda: glue.get_partitions(DatabaseName=database, TableName=table, Segment={"SegmentNumber": 4, "TotalSegments": 4}))
    assert code == "InvalidInputException"
    code, _ = error_of(lambda: glue.get_partitions(DatabaseName=database, TableName=table, NextToken="not-a-token"))
    assert code == "InvalidInputException"


def test_aws_cli_pages_get_partitions_transparently(server, glue, database):
    table = create_table(glue, database)
    values = dates(120)
    load(glue, database, table, values)
    command = [required_aws_cli(), "--endpoint-url", server.endpoint, "--output", "json", "glue", "get-partitions",
               "--database-name", database, "--table-name", table, "--page-size", "25", "--expression", "year = '2026'"]
    result = subprocess.run(command, capture_output=True, text=True, env=server.cli_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    listed = sorted(p["Values"] for p in json.loads(result.stdout)["Partitions"])
    assert listed == sorted(v for v in values if v[0] == "2026")
    assert len(listed) > 25  # more than one page was needed


@pytest.mark.parametrize("expression, position, problem", [
    ("year = ", 8, "Expected a quoted string or a number"),
    ("year = '2026' AND (month = 1", 29, "Expected ')'"),
    ("colour = 'red'", 1, "Unknown partition key: colour"),
    ("month = 'two'", 9, "is not a value of partition key month"),
])
def test_a_malformed_expression_is_invalid_input_with_its_position(glue, database, expression, position, problem):
    table = create_table(glue, database)
    code, message = error_of(lambda: glue.get_partitions(DatabaseName=database, TableName=table, Expression=expression))
    assert code == "InvalidInputException"
    assert problem in message and f"at position {position}" in message


def test_update_batch_get_and_delete(glue, database):
    table = create_table(glue, database)
    load(glue, database, table, dates(5))
    first, second, third = dates(3)
    created = glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=first)["Partition"]["CreationTime"]

    glue.update_partition(DatabaseName=database, TableName=table, PartitionValueList=first,
                          PartitionInput={"Values": first, "Parameters": {"state": "updated"}, "StorageDescriptor": storage("s3://elsewhere/")})
    updated = glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=first)["Partition"]
    assert updated["Parameters"] == {"state": "updated"} and updated["StorageDescriptor"]["Location"] == "s3://elsewhere/"
    assert updated["CreationTime"] == created

    moved = ["2030", "1", "2030-01-01"]
    glue.update_partition(DatabaseName=database, TableName=table, PartitionValueList=second, PartitionInput={"Values": moved})
    assert error_of(lambda: glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=second))[0] == "EntityNotFoundException"
    assert glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=moved)["Partition"]["Values"] == moved

    response = glue.batch_update_partition(DatabaseName=database, TableName=table, Entries=[
        {"PartitionValueList": third, "PartitionInput": {"Values": third, "Parameters": {"batch": "yes"}}},
        {"PartitionValueList": ["1999", "1", "1999-01-01"], "PartitionInput": {"Values": ["1999", "1", "1999-01-01"]}}])
    assert [(e["PartitionValueList"], e["ErrorDetail"]["ErrorCode"]) for e in response["Errors"]] == [(["1999", "1", "1999-01-01"], "EntityNotFoundException")]
    assert glue.get_partition(DatabaseName=database, TableName=table, PartitionValues=third)["Partition"]["Parameters"] == {"batch": "yes"}

    got = glue.batch_get_partition(DatabaseName=database, TableName=table,
                                   PartitionsToGet=[{"Values": first}, {"Values": second}, {"Values": moved}])
    assert sorted(p["Values"] for p in got["Partitions"]) == sorted([first, moved])

    glue.delete_partition(DatabaseName=database, TableName=table, PartitionValues=first)
    response = glue.batch_delete_partition(DatabaseName=database, TableName=table,
                                           PartitionsToDelete=[{"Values": moved}, {"Values": first}])
    assert [(e["PartitionValues"], e["ErrorDetail"]["ErrorCode"]) for e in response["Errors"]] == [(first, "EntityNotFoundException")]
    assert sorted(all_values(glue, database, table)) == sorted(dates(5)[2:])


def test_deleting_the_table_or_database_deletes_its_partitions(glue, database):
    table = create_table(glue, database)
    load(glue, database, table, dates(10))
    glue.delete_table(DatabaseName=database, Name=table)
    glue.create_table(DatabaseName=database, TableInput={"Name": table, "PartitionKeys": KEYS})
    assert all_values(glue, database, table) == []

    load(glue, database, table, dates(3))
    glue.delete_database(Name=database)
    glue.create_database(DatabaseInput={"Name": database})
    glue.create_table(DatabaseName=database, TableInput={"Name": table, "PartitionKeys": KEYS})
    assert all_values(glue, database, table) == []
