"""Python statements through the Glue API with boto3, on one shared session."""
import time

from .sessions import run, run_ok, wait_statement


def test_print_gives_exactly_the_text(glue, session_id):
    assert run_ok(glue, session_id, "print('hello world')") == "hello world"


def test_variables_persist_and_last_expression_echoes(glue, session_id):
    run_ok(glue, session_id, "x = 41")
    assert run_ok(glue, session_id, "x + 1") == "42"


def test_spark_sum_is_right(glue, session_id):
    n = 10_000_000
    text = run_ok(glue, session_id, 'spark.range(10_000_000).selectExpr("sum(id)").collect()[0][0]')
    assert int(text) == n * (n - 1) // 2


def test_spark_and_sc_are_predefined_and_shared(glue, session_id):
    text = run_ok(glue, session_id,
                  "from pyspark.context import SparkContext\n"
                  "print(SparkContext.getOrCreate() is sc, spark.sparkContext is sc)")
    assert text == "True True"


def test_exception_is_an_error_output_with_user_frames(glue, session_id):
    statement = run(glue, session_id, "def divide(a, b):\n    return a / b\n\ndivide(1, 0)")
    assert statement["State"] == "AVAILABLE"
    output = statement["Output"]
    assert output["Status"] == "error"
    assert output["ErrorName"] == "ZeroDivisionError"
    assert output["ErrorValue"] == "division by zero"
    traceback = "".join(output["Traceback"])
    assert "divide" in traceback and "return a / b" in traceback
    assert "epoxy_repl" not in traceback


def test_syntax_error_is_reported(glue, session_id):
    output = run(glue, session_id, "def broken(:\n    pass")["Output"]
    assert output["Status"] == "error"
    assert output["ErrorName"] == "SyntaxError"


def test_output_printed_before_an_error_is_kept_in_order(glue, session_id):
    statement = run(glue, session_id, "print('before')\nraise ValueError('bad value')")
    assert statement["Output"]["ErrorName"] == "ValueError"
    assert statement["Output"]["ErrorValue"] == "bad value"


def test_statement_shape_has_times_in_epoch_millis_and_progress(glue, session_id):
    before_ms = time.time() * 1000
    statement = run(glue, session_id, "1 + 1")
    after_ms = time.time() * 1000
    assert statement["Code"] == "1 + 1"
    assert statement["Progress"] == 1.0
    assert before_ms - 5000 <= statement["StartedOn"] <= statement["CompletedOn"] <= after_ms + 5000
    assert statement["Output"]["ExecutionCount"] == statement["Id"]


def test_statements_run_in_fifo_order(glue, session_id):
    run_ok(glue, session_id, "order = []")
    ids = [glue.run_statement(SessionId=session_id, Code=f"import time; time.sleep(1); order.append({i})")["Id"]
           for i in range(3)]
    # The first statement sleeps for a second, so the third cannot have started yet.
    assert glue.get_statement(SessionId=session_id, Id=ids[2])["Statement"]["State"] == "WAITING"
    for statement_id in ids:
        assert wait_statement(glue, session_id, statement_id)["State"] == "AVAILABLE"
    assert run_ok(glue, session_id, "order") == "[0, 1, 2]"
    listed = [s["Id"] for s in glue.list_statements(SessionId=session_id)["Statements"]]
    assert listed == sorted(listed) and set(ids) <= set(listed)


def test_cancel_sleeping_statement_is_quick_and_session_stays_usable(glue, session_id, tmp_path):
    statement_id = run_inside(glue, session_id, "import time\ntime.sleep(600)", tmp_path)
    started = time.monotonic()
    glue.cancel_statement(SessionId=session_id, Id=statement_id)
    statement = wait_statement(glue, session_id, statement_id, timeout=30)
    assert statement["State"] == "CANCELLED"
    assert time.monotonic() - started < 5
    assert run_ok(glue, session_id, "print('still alive')") == "still alive"


def test_cancel_busy_loop(glue, session_id, tmp_path):
    statement_id = run_inside(glue, session_id, "n = 0\nwhile True:\n    n += 1", tmp_path)
    glue.cancel_statement(SessionId=session_id, Id=statement_id)
    assert wait_statement(glue, session_id, statement_id, timeout=30)["State"] == "CANCELLED"
    assert int(run_ok(glue, session_id, "n")) > 0


def test_cancel_spark_job_then_spark_works(glue, session_id):
    code = "spark.range(0, 10**12, numPartitions=4).selectExpr('sum(id)').collect()"
    statement_id = glue.run_statement(SessionId=session_id, Code=code)["Id"]
    wait_statement_running(glue, session_id, statement_id)
    glue.cancel_statement(SessionId=session_id, Id=statement_id)
    assert wait_statement(glue, session_id, statement_id, timeout=60)["State"] == "CANCELLED"
    assert run_ok(glue, session_id, "spark.range(100).count()") == "100"


def test_cancel_waiting_statement_is_immediate(glue, session_id):
    blocker = glue.run_statement(SessionId=session_id, Code="import time\ntime.sleep(600)")["Id"]
    queued = glue.run_statement(SessionId=session_id, Code="print('never')")["Id"]
    glue.cancel_statement(SessionId=session_id, Id=queued)
    assert glue.get_statement(SessionId=session_id, Id=queued)["Statement"]["State"] == "CANCELLED"
    glue.cancel_statement(SessionId=session_id, Id=blocker)
    assert wait_statement(glue, session_id, blocker, timeout=30)["State"] == "CANCELLED"


def test_large_output_is_truncated_with_a_note(glue, session_id):
    text = run_ok(glue, session_id, "import sys\nfor _ in range(50):\n    sys.stdout.write('x' * (1024 * 1024))", timeout=180)
    assert 0 < len(text) < 5 * 1024 * 1024
    assert "truncated" in text.lower()
    assert run_ok(glue, session_id, "print('ok after flood')") == "ok after flood"


def test_s3_paths_map_to_the_home_directory(glue, session_id, server):
    text = run_ok(glue, session_id,
                  "spark.range(5).write.mode('overwrite').parquet('s3://e2e-bucket/numbers/')\n"
                  "print(spark.read.parquet('s3://e2e-bucket/numbers/').count())")
    assert text == "5"
    files = list((server.home / "s3" / "e2e-bucket" / "numbers").glob("*.parquet"))
    assert files, f"no parquet files under {server.home / 's3'}"


def run_inside(glue, session_id, code, directory):
    """Runs code that first creates a marker file and returns once it exists: the statement is then
    inside the user's code (its sleep or loop), not still on its way there."""
    from .epoxy_server import wait_until
    marker = directory / "inside"
    statement_id = glue.run_statement(SessionId=session_id, Code=f"open({str(marker)!r}, 'w').close()\n{code}")["Id"]
    wait_until(marker.exists, timeout=30, message=f"statement {statement_id} to start its code")
    return statement_id


def wait_statement_running(glue, session_id, statement_id):
    from .epoxy_server import wait_until
    wait_until(lambda: glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]["State"] == "RUNNING",
               timeout=30, message=f"statement {statement_id} to run")
