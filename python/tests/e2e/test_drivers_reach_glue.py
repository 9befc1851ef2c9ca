"""Session drivers are told where the server's Glue API is: Spark settings for Epoxy's own Glue clients,
and the AWS environment so that boto3 in a statement reaches Epoxy without an endpoint argument."""
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
    # GetDatabases is in the model but not served yet: Epoxy's own OperationNotSupported answer proves
    # that the request reached this server (AWS would answer with an authentication error).
    text = run_ok(glue, session_id,
                  "import boto3, botocore.exceptions\n"
                  "try:\n"
                  "    boto3.client('glue').get_databases()\n"
                  "    print('answered')\n"
                  "except botocore.exceptions.ClientError as e:\n"
                  "    print(e.response['Error']['Code'], '|', e.response['Error']['Message'])")
    assert text in ("answered", "OperationNotSupportedException | Operation GetDatabases is not supported by Epoxy yet"), text


def test_boto3_in_a_statement_sees_its_own_session(glue, session_id):
    text = run_ok(glue, session_id, "import boto3\nprint(boto3.client('glue').get_session(Id=%r)['Session']['Status'])" % session_id)
    assert text == "READY"
