"""Session drivers are told where the server's Glue API is: Spark settings for Epoxy's own Glue clients,
and the AWS environment so that boto3 in a statement reaches Epoxy without an endpoint argument."""
import uuid

from .epoxy_server import REGION
from .sessions import run_ok


def test_statement_sees_the_glue_endpoint_in_spark_conf_and_environment(server, glue, session_id):
    text = run_ok(glue, session_id,
                  "import os\n"
                  "conf = spark.sparkContext.getConf()\n"
                  "print(conf.get('spark.epoxy.glue.endpoint'), conf.get('spark.epoxy.glue.region'), conf.get('spark.epoxy.glue.account-id'))\n"
                  "print(os.environ['AWS_ENDPOINT_URL_GLUE'], os.environ['AWS_DEFAULT_REGION'], os.environ['AWS_REGION'])")
    assert text.splitlines() == [f"{server.endpoint} {REGION} 123456789012", f"{server.endpoint} {REGION} {REGION}"]


def test_boto3_in_a_statement_reaches_epoxy_without_an_endpoint_argument(glue, session_id):
    # A database made here, through the test's client, is listed by boto3 inside the statement: the
    # statement's request reached this server (AWS has no such database and would refuse the credentials).
    name = f"reach_{uuid.uuid4().hex[:10]}"
    glue.create_database(DatabaseInput={"Name": name})
    try:
        text = run_ok(glue, session_id,
                      "import boto3\n"
                      "names = [d['Name'] for d in boto3.client('glue').get_databases()['DatabaseList']]\n"
                      "print(%r in names)" % name)
        assert text == "True", text
    finally:
        glue.delete_database(Name=name)


def test_boto3_in_a_statement_sees_its_own_session(glue, session_id):
    text = run_ok(glue, session_id, "import boto3\nprint(boto3.client('glue').get_session(Id=%r)['Session']['Status'])" % session_id)
    assert text == "READY"
