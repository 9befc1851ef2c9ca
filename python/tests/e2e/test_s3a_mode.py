"""epoxy.storage.s3-mode=s3a: sessions reach s3:// through Hadoop's S3A connector.

The S3-compatible store here is the server's own S3 endpoint, so the test needs no network; the
objects S3A writes must therefore show up as files under <home>/s3.
"""
import boto3

from .epoxy_server import CREDENTIALS, REGION, EpoxyServer
from .sessions import create_session, run_ok, wait_ready


def test_sessions_read_and_write_through_s3a():
    server = EpoxyServer()
    server.extra_config.update({
        "epoxy.storage.s3-mode": "s3a",
        "epoxy.storage.s3a.endpoint": f"http://127.0.0.1:{server.s3_port}",
        "epoxy.storage.s3a.path-style-access": "true",
        "epoxy.storage.s3a.region": REGION,
        "epoxy.storage.s3a.access-key": "s3a-access",
        "epoxy.storage.s3a.secret-key": "s3a-secret",
    })
    server.start()
    try:
        s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
        s3.create_bucket(Bucket="s3a-bucket")
        glue = server.glue()
        sid = create_session(glue)
        wait_ready(glue, sid)

        implementation = run_ok(glue, sid, "print(sc._jsc.hadoopConfiguration().get('fs.s3.impl'))")
        assert implementation == "org.apache.hadoop.fs.s3a.S3AFileSystem"
        count = run_ok(glue, sid, "spark.range(12).write.mode('overwrite').parquet('s3://s3a-bucket/numbers/')\n"
                                  "print(spark.read.parquet('s3://s3a-bucket/numbers/').count())")
        assert count == "12"

        keys = [item["Key"] for item in s3.list_objects_v2(Bucket="s3a-bucket", Prefix="numbers/")["Contents"]]
        assert any(key.endswith(".parquet") for key in keys), keys
        assert list((server.home / "s3" / "s3a-bucket" / "numbers").glob("*.parquet"))
        # The credentials travel in a file only the server's user can read, never on a command line.
        secrets = list((server.home / "sessions").glob("*/secret.properties"))
        assert secrets and oct(secrets[0].stat().st_mode & 0o777) == "0o600"
        glue.stop_session(Id=sid)
    finally:
        server.stop()
