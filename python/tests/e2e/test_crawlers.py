"""Crawlers over S3 targets, end to end: a real server, real crawl processes (Spark), boto3.

Data goes in through the server's S3 endpoint (boto3 S3 client) or, for Parquet, through a Glue
session; tables and partitions come out of the Glue API. No test calls CreateTable for what a
crawler is meant to create: expected tables are written out by hand from the generated data.
"""
import json
import os
import subprocess
import time
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from .epoxy_server import CREDENTIALS, REGION, EpoxyServer, wait_until
from .sessions import run_ok

ROLE = "arn:aws:iam::123456789012:role/GlueCrawlerRole"
ACCOUNT = "123456789012"
# A crawl is a Spark application of its own: 10-30 s to start on a loaded machine.
CRAWL_TIMEOUT = 240


def unique(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def s3(server):
    return boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)


@pytest.fixture()
def bucket(s3):
    name = f"crawl-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture()
def database(glue):
    name = unique("crawled")
    glue.create_database(DatabaseInput={"Name": name})
    return name


def error_code(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def orders(year, month, count=3):
    """JSON lines of orders, with the column order and types a hand-written table has below."""
    return "\n".join(json.dumps({
        "order_id": year * 10000 + month * 100 + i,
        "customer": f"customer-{i}",
        "amount": 10.5 + i,
        "items": [{"qty": i + 1, "sku": f"sku-{i}"}],
    }) for i in range(count)) + "\n"


# What a person writing the table by hand for orders() would declare (Hive types).
ORDER_COLUMNS = [
    {"Name": "order_id", "Type": "bigint"},
    {"Name": "customer", "Type": "string"},
    {"Name": "amount", "Type": "double"},
    {"Name": "items", "Type": "array<struct<qty:bigint,sku:string>>"},
]


def put_orders(s3, bucket, year, month):
    s3.put_object(Bucket=bucket, Key=f"raw_orders/year={year}/month={month:02d}/part-0.json", Body=orders(year, month).encode())


def create_crawler(glue, database, path, **extra):
    name = unique("crawler")
    glue.create_crawler(Name=name, Role=ROLE, DatabaseName=database, Targets={"S3Targets": [{"Path": path}]}, **extra)
    return name


def crawl(glue, name):
    """Starts a crawl and waits for it to end; returns LastCrawl."""
    glue.start_crawler(Name=name)
    return wait_for_crawl(glue, name)


def crawl_ok(glue, name):
    last = crawl(glue, name)
    assert last["Status"] == "SUCCEEDED", last
    return last


def wait_for_crawl(glue, name):
    def ended():
        crawler = glue.get_crawler(Name=name)["Crawler"]
        return crawler if crawler["State"] == "READY" and "LastCrawl" in crawler else None
    return wait_until(ended, timeout=CRAWL_TIMEOUT, interval=0.5, message=f"crawler {name} to finish")["LastCrawl"]


def partition_values(glue, database, table):
    partitions = glue.get_partitions(DatabaseName=database, TableName=table)["Partitions"]
    return sorted(tuple(p["Values"]) for p in partitions), {tuple(p["Values"]): p["StorageDescriptor"]["Location"] for p in partitions}


def test_crawler_api_lifecycle_and_errors(glue, database):
    name = unique("api")
    glue.create_crawler(Name=name, Role=ROLE, DatabaseName=database, Description="first",
                        Targets={"S3Targets": [{"Path": "s3://nowhere/data/", "Exclusions": ["**.tmp"]}]},
                        TablePrefix="raw_", SchemaChangePolicy={"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"},
                        RecrawlPolicy={"RecrawlBehavior": "CRAWL_EVERYTHING"})
    assert error_code(lambda: glue.create_crawler(Name=name, Role=ROLE, DatabaseName=database,
                                                  Targets={"S3Targets": [{"Path": "s3://x/y/"}]}))[0] == "AlreadyExistsException"

    crawler = glue.get_crawler(Name=name)["Crawler"]
    assert crawler["State"] == "READY"
    assert crawler["Targets"]["S3Targets"] == [{"Path": "s3://nowhere/data/", "Exclusions": ["**.tmp"]}]
    assert crawler["TablePrefix"] == "raw_"
    assert crawler["SchemaChangePolicy"] == {"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"}
    assert crawler["Version"] == 1
    assert "LastCrawl" not in crawler

    glue.update_crawler(Name=name, Description="second", TablePrefix="")
    updated = glue.get_crawler(Name=name)["Crawler"]
    assert (updated["Description"], updated.get("TablePrefix"), updated["Version"]) == ("second", None, 2)
    assert updated["Targets"]["S3Targets"][0]["Path"] == "s3://nowhere/data/"

    assert name in glue.list_crawlers()["CrawlerNames"]
    assert name in [c["Name"] for c in glue.get_crawlers()["Crawlers"]]
    batch = glue.batch_get_crawlers(CrawlerNames=[name, "no-such-crawler"])
    assert [c["Name"] for c in batch["Crawlers"]] == [name]
    assert batch["CrawlersNotFound"] == ["no-such-crawler"]
    metrics = glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"]
    assert metrics == [{"CrawlerName": name, "TimeLeftSeconds": 0.0, "StillEstimating": False, "LastRuntimeSeconds": 0.0,
                        "MedianRuntimeSeconds": 0.0, "TablesCreated": 0, "TablesUpdated": 0, "TablesDeleted": 0}]

    assert error_code(lambda: glue.stop_crawler(Name=name))[0] == "CrawlerNotRunningException"
    assert error_code(lambda: glue.get_crawler(Name="no-such-crawler")) == ("EntityNotFoundException", "Crawler not found: no-such-crawler")
    assert error_code(lambda: glue.start_crawler(Name="no-such-crawler"))[0] == "EntityNotFoundException"
    # Targets crawls do not run are kept and returned; a crawl of them alone ends FAILED, naming them.
    delta = unique("delta")
    glue.create_crawler(Name=delta, Role=ROLE, DatabaseName=database, Targets={"DeltaTargets": [{"DeltaTables": ["s3://b/delta/"]}]},
                        LineageConfiguration={"CrawlerLineageSettings": "ENABLE"},
                        LakeFormationConfiguration={"UseLakeFormationCredentials": True, "AccountId": ACCOUNT})
    kept = glue.get_crawler(Name=delta)["Crawler"]
    assert kept["Targets"]["DeltaTargets"] == [{"DeltaTables": ["s3://b/delta/"]}]
    assert kept["LineageConfiguration"] == {"CrawlerLineageSettings": "ENABLE"}
    assert kept["LakeFormationConfiguration"] == {"UseLakeFormationCredentials": True, "AccountId": ACCOUNT}
    last = crawl(glue, delta)
    assert last["Status"] == "FAILED"
    assert last["ErrorMessage"] == (f"Cannot crawl the DeltaTargets of crawler {delta}: Epoxy crawls S3Targets and JdbcTargets only, "
                                    "and the crawler has neither")
    glue.delete_crawler(Name=delta)

    glue.delete_crawler(Name=name)
    assert error_code(lambda: glue.delete_crawler(Name=name))[0] == "EntityNotFoundException"


def test_list_crawlers_pages(glue, database):
    names = sorted(create_crawler(glue, database, "s3://nowhere/p/") for _ in range(3))
    seen, token = [], None
    while True:
        page = glue.list_crawlers(MaxResults=2, **({"NextToken": token} if token else {}))
        assert len(page["CrawlerNames"]) <= 2
        seen += page["CrawlerNames"]
        token = page.get("NextToken")
        if not token:
            break
    assert [n for n in seen if n in names] == names
    assert len(seen) == len(set(seen))


def test_json_crawl_creates_the_hand_made_table_and_its_partitions(glue, s3, bucket, database):
    for year, month in [(2025, 12), (2026, 1), (2026, 2)]:
        put_orders(s3, bucket, year, month)
    name = create_crawler(glue, database, f"s3://{bucket}/raw_orders/")

    last = crawl(glue, name)
    assert last["Status"] == "SUCCEEDED", last
    assert (last["LogGroup"], last["LogStream"]) == ("/aws-glue/crawlers", name)

    table = glue.get_table(DatabaseName=database, Name="raw_orders")["Table"]
    assert table["StorageDescriptor"]["Columns"] == ORDER_COLUMNS
    assert table["PartitionKeys"] == [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}]
    assert table["StorageDescriptor"]["Location"] == f"s3://{bucket}/raw_orders/"
    assert table["Parameters"]["classification"] == "json"
    assert table["TableType"] == "EXTERNAL_TABLE"
    values, locations = partition_values(glue, database, "raw_orders")
    assert values == [("2025", "12"), ("2026", "01"), ("2026", "02")]
    assert locations[("2026", "02")] == f"s3://{bucket}/raw_orders/year=2026/month=02/"
    metrics = glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"]) == (1, 0)
    assert metrics["LastRuntimeSeconds"] > 0

    # A second crawl after new partitions arrived adds exactly those, and changes nothing else.
    put_orders(s3, bucket, 2026, 3)
    put_orders(s3, bucket, 2026, 4)
    crawl_ok(glue, name)
    values, _ = partition_values(glue, database, "raw_orders")
    assert values == [("2025", "12"), ("2026", "01"), ("2026", "02"), ("2026", "03"), ("2026", "04")]
    assert glue.get_table(DatabaseName=database, Name="raw_orders")["Table"]["StorageDescriptor"]["Columns"] == ORDER_COLUMNS
    metrics = glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"]) == (0, 0)


def table_names(glue, database):
    return sorted(t["Name"] for t in glue.get_tables(DatabaseName=database)["TableList"])


def test_incompatible_folders_under_one_include_path_become_separate_tables(glue, s3, bucket, database):
    # One include path, two data sets: JSON orders partitioned by year/month, and CSV customers.
    for year, month in [(2026, 1), (2026, 2)]:
        s3.put_object(Bucket=bucket, Key=f"shop/orders/year={year}/month={month:02d}/part-0.json", Body=orders(year, month).encode())
    s3.put_object(Bucket=bucket, Key="shop/customers/customers.csv",
                  Body=b"customer_id,name,email\n1,ada,ada@example.com\n2,alan,alan@example.com\n")
    name = create_crawler(glue, database, f"s3://{bucket}/shop/", TablePrefix="shop_")
    crawl_ok(glue, name)

    assert table_names(glue, database) == ["shop_customers", "shop_orders"]
    orders_table = glue.get_table(DatabaseName=database, Name="shop_orders")["Table"]
    assert orders_table["StorageDescriptor"]["Columns"] == ORDER_COLUMNS
    assert orders_table["PartitionKeys"] == [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}]
    assert orders_table["StorageDescriptor"]["Location"] == f"s3://{bucket}/shop/orders/"
    assert orders_table["Parameters"]["classification"] == "json"
    values, locations = partition_values(glue, database, "shop_orders")
    assert values == [("2026", "01"), ("2026", "02")]
    assert locations[("2026", "02")] == f"s3://{bucket}/shop/orders/year=2026/month=02/"

    customers = glue.get_table(DatabaseName=database, Name="shop_customers")["Table"]
    assert customers["StorageDescriptor"]["Columns"] == [
        {"Name": "customer_id", "Type": "int"}, {"Name": "name", "Type": "string"}, {"Name": "email", "Type": "string"}]
    assert customers.get("PartitionKeys", []) == []
    assert customers["StorageDescriptor"]["Location"] == f"s3://{bucket}/shop/customers/"
    assert customers["Parameters"]["classification"] == "csv"
    assert glue.get_partitions(DatabaseName=database, TableName="shop_customers")["Partitions"] == []
    metrics = glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"], metrics["TablesDeleted"]) == (2, 0, 0)

    # A re-crawl after a new month adds exactly that partition to the orders table, and touches nothing else.
    s3.put_object(Bucket=bucket, Key="shop/orders/year=2026/month=03/part-0.json", Body=orders(2026, 3).encode())
    crawl_ok(glue, name)
    assert table_names(glue, database) == ["shop_customers", "shop_orders"]
    assert partition_values(glue, database, "shop_orders")[0] == [("2026", "01"), ("2026", "02"), ("2026", "03")]
    metrics = glue.get_crawler_metrics(CrawlerNameList=[name])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"], metrics["TablesDeleted"]) == (0, 0, 0)


def test_combine_compatible_schemas_keeps_dissimilar_partitions_in_one_table(glue, s3, bucket, database):
    # Glue's documented example: without the option, year=2017 and year=2018 become two tables.
    s3.put_object(Bucket=bucket, Key="table1/year=2017/data1.json", Body=b'{"A": 1, "B": 2}\n')
    s3.put_object(Bucket=bucket, Key="table1/year=2018/data2.json", Body=b'{"C": 3, "D": 4}\n')
    name = create_crawler(glue, database, f"s3://{bucket}/table1/",
                          Configuration=json.dumps({"Version": 1.0, "Grouping": {"TableGroupingPolicy": "CombineCompatibleSchemas"}}))
    crawl_ok(glue, name)
    assert table_names(glue, database) == ["table1"]
    table = glue.get_table(DatabaseName=database, Name="table1")["Table"]
    assert sorted((c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"]) == [
        ("a", "bigint"), ("b", "bigint"), ("c", "bigint"), ("d", "bigint")]
    assert table["PartitionKeys"] == [{"Name": "year", "Type": "string"}]
    assert partition_values(glue, database, "table1")[0] == [("2017",), ("2018",)]

    split = unique("split")
    glue.create_database(DatabaseInput={"Name": split})
    crawl_ok(glue, create_crawler(glue, split, f"s3://{bucket}/table1/"))
    assert table_names(glue, split) == ["year_2017", "year_2018"]


def test_crawl_new_folders_only_adds_only_new_folders(glue, s3, bucket, database):
    put_orders(s3, bucket, 2026, 1)
    name = create_crawler(glue, database, f"s3://{bucket}/raw_orders/", TablePrefix="new_",
                          RecrawlPolicy={"RecrawlBehavior": "CRAWL_NEW_FOLDERS_ONLY"},
                          SchemaChangePolicy={"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"})
    crawl_ok(glue, name)
    assert partition_values(glue, database, "new_raw_orders")[0] == [("2026", "01")]

    # A partition the user removed from the catalog stays removed: its folder was seen before.
    glue.batch_delete_partition(DatabaseName=database, TableName="new_raw_orders", PartitionsToDelete=[{"Values": ["2026", "01"]}])
    put_orders(s3, bucket, 2026, 2)
    crawl_ok(glue, name)
    assert partition_values(glue, database, "new_raw_orders")[0] == [("2026", "02")]


def test_csv_with_header(glue, s3, bucket, database):
    s3.put_object(Bucket=bucket, Key="people/a.csv", Body=b"name,age,city\nada,36,london\nalan,41,wilmslow\n")
    s3.put_object(Bucket=bucket, Key="people/b.csv", Body=b"name,age,city\ngrace,85,arlington\n")
    name = create_crawler(glue, database, f"s3://{bucket}/people")
    crawl_ok(glue, name)
    table = glue.get_table(DatabaseName=database, Name="people")["Table"]
    assert table["StorageDescriptor"]["Columns"] == [
        {"Name": "name", "Type": "string"}, {"Name": "age", "Type": "int"}, {"Name": "city", "Type": "string"}]
    assert table["Parameters"]["classification"] == "csv"
    assert table["Parameters"]["skip.header.line.count"] == "1"
    assert table["StorageDescriptor"]["SerdeInfo"]["Parameters"]["field.delim"] == ","
    assert table.get("PartitionKeys", []) == []


def test_csv_without_header_names_columns(glue, s3, bucket, database):
    # All columns strings: the first row is not different enough from the others to be a header.
    s3.put_object(Bucket=bucket, Key="words/w.csv", Body=b"alpha|beta\ngamma|delta\n")
    name = create_crawler(glue, database, f"s3://{bucket}/words/")
    crawl_ok(glue, name)
    table = glue.get_table(DatabaseName=database, Name="words")["Table"]
    assert table["StorageDescriptor"]["Columns"] == [{"Name": "col0", "Type": "string"}, {"Name": "col1", "Type": "string"}]
    assert "skip.header.line.count" not in table["Parameters"]


def test_parquet_written_by_a_session(glue, session_id, s3, bucket, database):
    run_ok(glue, session_id,
           "from pyspark.sql import Row\n"
           f"spark.createDataFrame([Row(id=1, label='one', score=0.5), Row(id=2, label='two', score=1.5)])"
           f".write.partitionBy('label').mode('overwrite').parquet('s3://{bucket}/scores/')")
    name = create_crawler(glue, database, f"s3://{bucket}/scores/")
    crawl_ok(glue, name)
    table = glue.get_table(DatabaseName=database, Name="scores")["Table"]
    assert table["StorageDescriptor"]["Columns"] == [{"Name": "id", "Type": "bigint"}, {"Name": "score", "Type": "double"}]
    assert table["PartitionKeys"] == [{"Name": "label", "Type": "string"}]
    assert table["Parameters"]["classification"] == "parquet"
    assert table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    assert partition_values(glue, database, "scores")[0] == [("one",), ("two",)]


def test_start_twice_then_stop(glue, s3, bucket, database):
    put_orders(s3, bucket, 2026, 1)
    name = create_crawler(glue, database, f"s3://{bucket}/raw_orders/")
    glue.start_crawler(Name=name)
    code, message = error_code(lambda: glue.start_crawler(Name=name))
    assert code == "CrawlerRunningException" and name in message
    assert error_code(lambda: glue.delete_crawler(Name=name))[0] == "CrawlerRunningException"
    assert error_code(lambda: glue.update_crawler(Name=name, Description="x"))[0] == "CrawlerRunningException"
    assert glue.get_crawler(Name=name)["Crawler"]["State"] == "RUNNING"

    glue.stop_crawler(Name=name)
    assert glue.get_crawler(Name=name)["Crawler"]["State"] in ("STOPPING", "READY")
    last = wait_for_crawl(glue, name)
    assert last["Status"] == "CANCELLED"
    assert error_code(lambda: glue.stop_crawler(Name=name))[0] == "CrawlerNotRunningException"
    glue.delete_crawler(Name=name)


def test_mixed_or_unreadable_files_fail_and_leave_the_table_unchanged(glue, s3, bucket, database):
    s3.put_object(Bucket=bucket, Key="events/a.json", Body=orders(2026, 1).encode())
    name = create_crawler(glue, database, f"s3://{bucket}/events/")
    crawl_ok(glue, name)
    before = glue.get_table(DatabaseName=database, Name="events")["Table"]
    assert before["StorageDescriptor"]["Columns"] == ORDER_COLUMNS

    # A new column would update the table, but a CSV file next to the JSON fails the crawl first.
    s3.put_object(Bucket=bucket, Key="events/b.json", Body=b'{"order_id": 1, "extra": "x"}\n')
    s3.put_object(Bucket=bucket, Key="events/c.csv", Body=b"order_id,customer\n1,x\n")
    last = crawl(glue, name)
    assert last["Status"] == "FAILED"
    assert "Mixed formats" in last["ErrorMessage"] and "c.csv" in last["ErrorMessage"], last

    s3.delete_object(Bucket=bucket, Key="events/c.csv")
    s3.put_object(Bucket=bucket, Key="events/blob.bin", Body=bytes(range(256)) * 4)
    last = crawl(glue, name)
    assert last["Status"] == "FAILED"
    assert "Unreadable" in last["ErrorMessage"] and "blob.bin" in last["ErrorMessage"], last

    after = glue.get_table(DatabaseName=database, Name="events")["Table"]
    assert after["StorageDescriptor"] == before["StorageDescriptor"]
    assert after.get("VersionId") == before.get("VersionId")

    # With the bad file gone the crawl succeeds and the table gets the new column.
    s3.delete_object(Bucket=bucket, Key="events/blob.bin")
    crawl_ok(glue, name)
    columns = glue.get_table(DatabaseName=database, Name="events")["Table"]["StorageDescriptor"]["Columns"]
    assert columns == ORDER_COLUMNS + [{"Name": "extra", "Type": "string"}]


def test_crawl_into_a_missing_database_fails_with_its_name(glue, s3, bucket):
    put_orders(s3, bucket, 2026, 1)
    missing = unique("missing_db")
    name = unique("crawler")
    glue.create_crawler(Name=name, Role=ROLE, DatabaseName=missing, Targets={"S3Targets": [{"Path": f"s3://{bucket}/raw_orders/"}]})
    last = crawl(glue, name)
    assert last["Status"] == "FAILED"
    assert missing in last["ErrorMessage"]


def test_tags_on_a_crawler(glue, database):
    name = unique("tagged")
    glue.create_crawler(Name=name, Role=ROLE, DatabaseName=database, Targets={"S3Targets": [{"Path": "s3://nowhere/t/"}]},
                        Tags={"team": "data"})
    arn = f"arn:aws:glue:{REGION}:{ACCOUNT}:crawler/{name}"
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"team": "data"}
    glue.tag_resource(ResourceArn=arn, TagsToAdd={"env": "test"})
    glue.untag_resource(ResourceArn=arn, TagsToRemove=["team"])
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"env": "test"}
    assert name in glue.list_crawlers(Tags={"env": "test"})["CrawlerNames"]
    assert name not in glue.list_crawlers(Tags={"team": "data"})["CrawlerNames"]
    missing = f"arn:aws:glue:{REGION}:{ACCOUNT}:crawler/no-such-crawler"
    assert error_code(lambda: glue.get_tags(ResourceArn=missing))[0] == "EntityNotFoundException"


def crawl_processes(home):
    """Pids of crawl processes (their command line names the crawl main class) of the server in home."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                line = cmdline.read().decode(errors="replace")
        except OSError:
            continue
        if "dev.epoxy.crawler.CrawlMain" in line and str(home) in line:
            found.append(int(pid))
    return found


def test_restart_mid_crawl_ends_in_a_truthful_state(tmp_path):
    home = tmp_path / "home"
    first = EpoxyServer(home=home).start()
    try:
        glue, s3 = first.glue(), boto3.client("s3", endpoint_url=first.s3_endpoint, region_name=REGION, **CREDENTIALS)
        s3.create_bucket(Bucket="restart-bucket")
        s3.put_object(Bucket="restart-bucket", Key="flat/a.json", Body=orders(2026, 1).encode())
        glue.create_database(DatabaseInput={"Name": "restart_db"})
        glue.create_crawler(Name="interrupted", Role=ROLE, DatabaseName="restart_db",
                            Targets={"S3Targets": [{"Path": "s3://restart-bucket/flat/"}]})
        glue.start_crawler(Name="interrupted")
        assert crawl_processes(home), "the crawl process runs"
        # A crash, not a shutdown: the crawl process is left behind.
        first.process.kill()
        first.process.wait(timeout=30)
    finally:
        first.stop()

    second = EpoxyServer(home=home).start()
    try:
        glue = second.glue()
        crawler = glue.get_crawler(Name="interrupted")["Crawler"]
        assert crawler["State"] == "READY"
        assert crawler["LastCrawl"]["Status"] == "FAILED"
        assert crawler["LastCrawl"]["ErrorMessage"] == "the server restarted during the crawl"
        wait_until(lambda: not crawl_processes(home), timeout=30, interval=0.2, message="the orphan crawl process to be gone")
        # The crawler works again on the new server.
        crawl_ok(glue, "interrupted")
    finally:
        second.stop()
