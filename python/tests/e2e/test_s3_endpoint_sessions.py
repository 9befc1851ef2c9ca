"""Objects written through Epoxy's S3 endpoint are what sessions read at s3://, and the reverse."""
import subprocess

from .epoxy_server import required_aws_cli
from .sessions import run_ok

def s3(server, *args, check=True):
    command = [required_aws_cli(), "--endpoint-url", server.s3_endpoint, "s3", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=server.cli_env(), timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"aws s3 {' '.join(args)} failed: {result.stderr}")
    return result

def test_cli_upload_is_read_by_a_session(server, glue, session_id, tmp_path):
    rows = [(index, f"name-{index}") for index in range(25)]
    local = tmp_path / "people.csv"
    local.write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in rows))
    s3(server, "mb", "s3://cp-in-bucket")
    s3(server, "cp", str(local), "s3://cp-in-bucket/people/people.csv")
    text = run_ok(glue, session_id,
                  "df = spark.read.option('header', True).csv('s3://cp-in-bucket/people/')\n"
                  "print(df.count(), sorted(r['name'] for r in df.collect())[:2])")
    assert text == f"{len(rows)} {sorted(n for _, n in rows)[:2]}"

def test_session_output_is_downloaded_by_the_cli(server, glue, session_id, tmp_path):
    run_ok(glue, session_id, "spark.range(7).coalesce(1).write.mode('overwrite').json('s3://cp-out-bucket/numbers/')")
    listing = s3(server, "ls", "s3://cp-out-bucket/numbers/").stdout
    assert ".json" in listing
    s3(server, "cp", "--recursive", "s3://cp-out-bucket/numbers/", str(tmp_path / "numbers"))
    lines = [line for path in (tmp_path / "numbers").glob("*.json") for line in path.read_text().splitlines()]
    assert sorted(lines) == sorted(f'{{"id":{i}}}' for i in range(7))

def test_boto3_inside_a_statement_sees_the_same_objects(server, glue, session_id, tmp_path):
    s3(server, "mb", "s3://boto-bucket")
    local = tmp_path / "hello.txt"
    local.write_text("hello from the cli")
    s3(server, "cp", str(local), "s3://boto-bucket/greetings/hello.txt")
    text = run_ok(glue, session_id,
                  "import boto3\n"
                  "body = boto3.client('s3').get_object(Bucket='boto-bucket', Key='greetings/hello.txt')['Body'].read()\n"
                  "print(body.decode())")
    assert text == "hello from the cli"
