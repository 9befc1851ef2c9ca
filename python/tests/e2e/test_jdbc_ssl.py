"""Glue connections with JDBC_ENFORCE_SSL and CUSTOM_JDBC_CERT against a real PostgreSQL that accepts TLS logins only.

The certificates are made here with the openssl command: a root, a server certificate it signs for the IP address
127.0.0.1 alone (so `localhost` does not match), and an unrelated root. The root is uploaded to Epoxy's S3, as a Glue
user uploads it to S3. The database refuses every login that is not over TLS (pg_hba `hostnossl ... reject`), so a
successful read, write, test or crawl proves the connection was encrypted; pg_stat_ssl shows it from the inside.
"""
import subprocess
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from .epoxy_server import CREDENTIALS, REGION, ROLE, EpoxyServer, wait_until
from .postgresql import PostgreSqlServer
from .sessions import create_session, run, run_ok, wait_ready

ITEMS = [(item_id, f"item {item_id}") for item_id in range(1, 101)]
CRAWL_TIMEOUT = 240


def openssl(*arguments):
    result = subprocess.run(["openssl", *arguments], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    directory = tmp_path_factory.mktemp("certificates")
    for name, bits in (("root", 2048), ("other", 2048), ("weak", 1024)):
        openssl("req", "-x509", "-newkey", f"rsa:{bits}", "-sha256", "-days", "2", "-nodes", "-subj", f"/CN=Epoxy test {name} root",
                "-keyout", str(directory / f"{name}.key"), "-out", str(directory / f"{name}.pem"))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(directory / "server.key"),
            "-out", str(directory / "server.csr"))
    (directory / "server.ext").write_text("subjectAltName = IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", str(directory / "server.csr"), "-CA", str(directory / "root.pem"), "-CAkey", str(directory / "root.key"),
            "-CAcreateserial", "-days", "2", "-sha256", "-extfile", str(directory / "server.ext"), "-out", str(directory / "server.crt"))
    return directory


@pytest.fixture(scope="module")
def postgres(certificates):
    server = PostgreSqlServer().start()
    server.sql("CREATE TABLE items (item_id INT PRIMARY KEY, name TEXT NOT NULL)")
    server.sql("ALTER TABLE items OWNER TO epoxy")
    server.sql("INSERT INTO items VALUES " + ", ".join(f"({item_id}, '{name}')" for item_id, name in ITEMS))
    server.enable_ssl(certificates / "server.crt", certificates / "server.key")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server():
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


@pytest.fixture(scope="module")
def glue(server):
    return server.glue()


@pytest.fixture(scope="module")
def connections(server, glue, postgres, certificates):
    """Uploads the roots to s3://certs/ and creates one connection per case; returns their names by case."""
    s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
    s3.create_bucket(Bucket="certs")
    for name in ("root", "other", "weak"):
        s3.put_object(Bucket="certs", Key=f"{name}.pem", Body=(certificates / f"{name}.pem").read_bytes())
    cases = {
        "tls": (postgres.jdbc_url, "s3://certs/root.pem"),
        "untrusted": (postgres.jdbc_url, "s3://certs/other.pem"),
        "hostname": (postgres.jdbc_url.replace("127.0.0.1", "localhost"), "s3://certs/root.pem"),
        "weak": (postgres.jdbc_url, "s3://certs/weak.pem"),
        "missing": (postgres.jdbc_url, "s3://certs/missing.pem"),
    }
    names = {}
    for case, (url, certificate) in cases.items():
        names[case] = f"pg-{case}-{uuid.uuid4().hex[:6]}"
        glue.create_connection(ConnectionInput={"Name": names[case], "ConnectionType": "JDBC", "ConnectionProperties": {
            "JDBC_CONNECTION_URL": url, "USERNAME": "epoxy", "PASSWORD": postgres.password,
            "JDBC_ENFORCE_SSL": "true", "CUSTOM_JDBC_CERT": certificate}})
    return names


def failed_test(glue, name) -> str:
    with pytest.raises(ClientError) as raised:
        glue.test_connection(ConnectionName=name)
    assert raised.value.response["Error"]["Code"] == "InvalidInputException"
    return raised.value.response["Error"]["Message"]


def test_test_connection_verifies_the_certificate_chain_and_the_host_name(glue, postgres, connections):
    assert glue.test_connection(ConnectionName=connections["tls"])["ResponseMetadata"]["HTTPStatusCode"] == 200

    untrusted = failed_test(glue, connections["untrusted"])
    assert untrusted.startswith(f"Connection test failed for connection {connections['untrusted']}: ")
    assert "PKIX" in untrusted or "certif" in untrusted.lower(), untrusted
    hostname = failed_test(glue, connections["hostname"])
    assert "localhost" in hostname and "could not be verified" in hostname, hostname
    weak = failed_test(glue, connections["weak"])
    assert f"CUSTOM_JDBC_CERT s3://certs/weak.pem of connection {connections['weak']} has a 1024-bit RSA key" in weak, weak
    missing = failed_test(glue, connections["missing"])
    assert f"Cannot read CUSTOM_JDBC_CERT s3://certs/missing.pem of connection {connections['missing']}: s3://certs/missing.pem does not exist" in missing
    assert postgres.password not in untrusted + hostname + weak + missing


def test_sessions_read_and_write_over_verified_tls_and_refuse_an_untrusted_server(glue, postgres, connections):
    tls, untrusted = connections["tls"], connections["untrusted"]
    sid = create_session(glue, Connections={"Connections": [tls, untrusted]})
    try:
        wait_ready(glue, sid)
        text = run_ok(glue, sid, f"""
from awsglue.context import GlueContext
from pyspark.context import SparkContext
glueContext = GlueContext(SparkContext.getOrCreate())
options = {{"useConnectionProperties": True, "connectionName": "{tls}"}}
items = glueContext.create_dynamic_frame.from_options(connection_type="postgresql",
    connection_options={{**options, "dbtable": "public.items", "hashfield": "item_id", "hashpartitions": 2}}).toDF()
ssl = glueContext.create_dynamic_frame.from_options(connection_type="postgresql",
    connection_options={{**options, "sampleQuery": "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"}}).toDF().collect()
glueContext.write_dynamic_frame.from_jdbc_conf(frame=glueContext.create_dynamic_frame.from_options(connection_type="postgresql",
    connection_options={{**options, "dbtable": "public.items"}}), catalog_connection="{tls}",
    connection_options={{"dbtable": "public.items_copy", "database": "epoxy"}})
print(items.count(), sum(row.item_id for row in items.collect()), ssl[0]["ssl"], ssl[0]["version"])
""")
        count, total, encrypted, version = text.split()
        assert (int(count), int(total)) == (len(ITEMS), sum(item_id for item_id, _ in ITEMS))
        assert encrypted == "True" and version.startswith("TLS"), text
        assert postgres.sql("SELECT count(*), sum(item_id) FROM items_copy").strip() == f"{len(ITEMS)}|{sum(i for i, _ in ITEMS)}"

        refused = run(glue, sid, f"""
glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={{
    "useConnectionProperties": True, "connectionName": "{untrusted}", "dbtable": "public.items"}}).toDF().count()
""")
        assert refused["Output"]["Status"] == "error"
        assert f"connection {untrusted}" in refused["Output"]["ErrorValue"], refused["Output"]
        assert postgres.password not in str(refused["Output"])
    finally:
        glue.stop_session(Id=sid)


def test_a_crawler_crawls_through_a_tls_connection(glue, connections):
    database = f"tls_{uuid.uuid4().hex[:8]}"
    glue.create_database(DatabaseInput={"Name": database})
    crawler = f"tls_crawler_{uuid.uuid4().hex[:6]}"
    glue.create_crawler(Name=crawler, Role=ROLE, DatabaseName=database,
                        Targets={"JdbcTargets": [{"ConnectionName": connections["tls"], "Path": "epoxy/public/items"}]})
    glue.start_crawler(Name=crawler)

    def ended():
        state = glue.get_crawler(Name=crawler)["Crawler"]
        return state if state["State"] == "READY" and "LastCrawl" in state else None
    last = wait_until(ended, timeout=CRAWL_TIMEOUT, interval=0.5, message=f"crawler {crawler} to finish")["LastCrawl"]
    assert last["Status"] == "SUCCEEDED", last
    table = glue.get_table(DatabaseName=database, Name="epoxy_public_items")["Table"]
    assert [(column["Name"], column["Type"]) for column in table["StorageDescriptor"]["Columns"]] == [("item_id", "int"), ("name", "string")]
