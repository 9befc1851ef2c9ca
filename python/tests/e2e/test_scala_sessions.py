"""Scala sessions through the Glue API with boto3: what the Glue Spark kernel sends
(DefaultArguments --session-language scala) gives a Scala 2.12 REPL in the driver, with spark, sc
and Glue's Scala API.

Expected values are computed here in Python; the frame the session writes is read back from the
server's local S3 with pyarrow, not by the session.
"""
from __future__ import annotations

import json
import random
import re

import pyarrow.parquet as pq
import pytest

from .epoxy_server import wait_until
from .sessions import create_session, run, run_ok, wait_ready, wait_statement

SCALA = {"--session-language": "scala"}


@pytest.fixture(scope="module")
def scala_session(glue):
    session_id = create_session(glue, DefaultArguments=dict(SCALA))
    # Compiling Glue's Scala API at REPL start costs a few seconds more than a Python session.
    wait_ready(glue, session_id, timeout=300)
    yield session_id
    glue.delete_session(Id=session_id)


def run_error(glue, session_id: str, code: str) -> dict:
    statement = run(glue, session_id, code)
    assert statement["State"] == "AVAILABLE", statement
    assert statement["Output"]["Status"] == "error", statement["Output"]
    return statement["Output"]


def test_unknown_session_language_is_rejected_at_create_session(glue):
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        create_session(glue, DefaultArguments={"--session-language": "cobol"})
    assert "cobol" in raised.value.response["Error"]["Message"]


def test_first_expression_echoes_its_value_as_the_scala_repl_does(glue, scala_session):
    assert run_ok(glue, scala_session, "1 + 1") == "res0: Int = 2\n"


def test_vals_persist_and_println_is_the_output(glue, scala_session):
    assert run_ok(glue, scala_session, 'val word = "epoxy"') == "word: String = epoxy\n"
    assert run_ok(glue, scala_session, "println(word.toUpperCase)\nSystem.out.println(word.length)") == "EPOXY\n5\n"


def test_spark_jobs_run_closures_over_repl_values_on_executors(glue, scala_session):
    assert re.fullmatch(r"res\d+: Long = 100\n", run_ok(glue, scala_session, "spark.range(100).count()"))
    offset = random.randint(1, 10_000)
    expected = sum(i + offset for i in range(100))
    text = run_ok(glue, scala_session, f"val offset = {offset}L\nspark.range(100).rdd.map(_.longValue + offset).reduce(_ + _)")
    assert text.endswith(f": Long = {expected}\n"), text


def test_glue_context_reads_maps_and_writes_as_glues_scala_api(glue, server, scala_session):
    rng = random.Random(7)
    people = [{"id": i, "name": f"p{i}", "age": str(rng.randint(18, 90))} for i in range(1, 41)]
    source = server.home / "s3" / "scala-lake" / "people"
    source.mkdir(parents=True)
    (source / "part-0.json").write_text("".join(json.dumps(person) + "\n" for person in people))
    try:
        glue.create_database(DatabaseInput={"Name": "scala_db"})
    except glue.exceptions.AlreadyExistsException:
        pass
    glue.create_table(DatabaseName="scala_db", TableInput={
        "Name": "people",
        "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {
            "Location": "s3://scala-lake/people/",
            "Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "name", "Type": "string"}, {"Name": "age", "Type": "string"}],
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"},
        },
    })
    code = """
import com.amazonaws.services.glue.GlueContext
import com.amazonaws.services.glue.util.JsonOptions
val glueContext: GlueContext = new GlueContext(sc)
val fromCatalog = glueContext.getCatalogSource(database = "scala_db", tableName = "people").getDynamicFrame()
val fromS3 = glueContext.getSourceWithFormat(connectionType = "s3",
  options = JsonOptions(Map("paths" -> Seq("s3://scala-lake/people/"))), format = "json").getDynamicFrame()
val mapped = fromS3.applyMapping(Seq(("id", "long", "person_id", "long"), ("name", "string", "person", "string"),
  ("age", "string", "age", "int")))
glueContext.getSinkWithFormat(connectionType = "s3", options = JsonOptions(Map("path" -> "s3://scala-lake/adults/")),
  format = "parquet").writeDynamicFrame(mapped)
println(s"catalog=${fromCatalog.count} s3=${fromS3.count} mapped=${mapped.toDF().count()}")
"""
    text = run_ok(glue, scala_session, code, timeout=300)
    assert f"catalog={len(people)} s3={len(people)} mapped={len(people)}\n" in text, text

    written = pq.read_table(server.home / "s3" / "scala-lake" / "adults").to_pylist()
    assert sorted(written, key=lambda row: row["person_id"]) == [
        {"person_id": person["id"], "person": person["name"], "age": int(person["age"])} for person in people]


def test_scala_transforms_resolve_choice_filter_map_join_relationalize(glue, server, scala_session):
    rng = random.Random(11)
    orders = []
    for i in range(1, 31):
        amount = rng.randint(1, 100)
        # Every third amount is a string: the frame's schema has a choice of int and string for it.
        orders.append({"order_id": i, "customer": i % 4, "amount": amount if i % 3 else str(amount),
                       "items": [{"sku": f"s{i}-{n}", "qty": n + 1} for n in range(i % 3)]})
    customers = [{"customer": c, "cname": f"c{c}"} for c in range(4)]
    lake = server.home / "s3" / "scala-lake"
    for name, records in (("orders", orders), ("customers", customers)):
        (lake / name).mkdir(parents=True)
        (lake / name / "part-0.json").write_text("".join(json.dumps(record) + "\n" for record in records))
    code = """
import com.amazonaws.services.glue.{ChoiceOption, DynamicRecord, GlueContext}
import com.amazonaws.services.glue.util.JsonOptions
val glueContext = new GlueContext(sc)
def read(name: String) = glueContext.getSourceWithFormat(connectionType = "s3",
  options = JsonOptions(Map("paths" -> Seq(s"s3://scala-lake/$name/"))), format = "json").getDynamicFrame()
val resolved = read("orders").resolveChoice(specs = Seq(("amount", "cast:double")))
val large = resolved.filter(r => r.getField("amount").exists(_.asInstanceOf[Double] >= 50.0))
val banded = large.map { r => r.addField("band", if (r.getField("amount").get.asInstanceOf[Double] >= 75.0) "high" else "mid") }
val joined = banded.join(Seq("customer"), Seq("customer"), read("customers"))
val rows = joined.toDF().select("order_id", "cname", "band", "amount").collect()
  .map(r => s"${r.getLong(0)},${r.getString(1)},${r.getString(2)},${r.getDouble(3)}").sorted
println("rows=" + rows.mkString(";"))
println("frames=" + resolved.relationalize("root", "s3://scala-lake/staging/").map(_.count).mkString(","))
val checked = resolved.filter(r => 10 / (r.getField("order_id").get.asInstanceOf[Long] - 5) > 0, errorMsg = "bad order")
println(s"kept=${checked.count} errors=${checked.errorsCount}")
"""
    text = run_ok(glue, scala_session, code, timeout=300)
    lines = {line.split("=", 1)[0]: line.split("=", 1)[1] for line in text.splitlines() if re.match(r"^(rows|frames|kept)=", line)}

    large = [order for order in orders if int(order["amount"]) >= 50]
    expected_rows = sorted(f"{o['order_id']},c{o['customer']},{'high' if int(o['amount']) >= 75 else 'mid'},{float(int(o['amount']))}"
                           for o in large)
    assert lines["rows"] == ";".join(expected_rows), text
    assert lines["frames"] == f"{len(orders)},{sum(len(order['items']) for order in orders)}", text
    # Java's integer division truncates towards zero; order 5 divides by zero and is the one error record.
    kept = [o for o in orders if o["order_id"] != 5 and int(10 / (o["order_id"] - 5)) > 0]
    assert lines["kept"] == f"{len(kept)} errors=1", text


def test_sql_cell_as_the_kernel_sends_it_prints_the_table(glue, scala_session):
    # The Glue Spark kernel turns a %%sql cell into exactly this code.
    text = run_ok(glue, scala_session, 'spark.sql("""SELECT 6 * 7 AS answer""").show()')
    assert text.splitlines()[:4] == ["+------+", "|answer|", "+------+", "|    42|"], text


def test_compile_error_is_an_error_with_the_compilers_message_and_the_statements_line(glue, scala_session):
    output = run_error(glue, scala_session, 'val fine = 1\nval broken: Int = "text"')
    assert output["ErrorName"] == "CompileError"
    assert output["ErrorValue"].startswith("<console>:2: error: type mismatch;"), output["ErrorValue"]
    assert 'val broken: Int = "text"' in output["ErrorValue"]


def test_runtime_exception_is_an_error_with_class_message_and_stack(glue, scala_session):
    output = run_error(glue, scala_session, 'println("before")\nthrow new IllegalArgumentException("bad input")')
    assert (output["ErrorName"], output["ErrorValue"]) == ("java.lang.IllegalArgumentException", "bad input")
    assert output["Traceback"][0] == "java.lang.IllegalArgumentException: bad input"
    assert output["Data"]["TextPlain"].startswith("before\n")


def start_and_cancel(glue, session_id: str, code: str, timeout: float = 60) -> dict:
    statement_id = glue.run_statement(SessionId=session_id, Code=code)["Id"]
    wait_until(lambda: glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]["State"] == "RUNNING",
               timeout=60, message=f"statement {statement_id} to run")
    glue.cancel_statement(SessionId=session_id, Id=statement_id)
    return wait_statement(glue, session_id, statement_id, timeout=timeout)


def test_cancel_interrupts_a_sleeping_statement_and_the_next_one_runs(glue, scala_session):
    assert start_and_cancel(glue, scala_session, "Thread.sleep(600000)")["State"] == "CANCELLED"
    assert run_ok(glue, scala_session, "word * 2").endswith(": String = epoxyepoxy\n")


def test_cancel_stops_a_long_spark_job(glue, scala_session):
    code = "spark.range(0, 100000000L, 1, 2).rdd.map { i => Thread.sleep(1); i }.count()"
    assert start_and_cancel(glue, scala_session, code)["State"] == "CANCELLED"
    assert re.fullmatch(r"res\d+: Long = 3\n", run_ok(glue, scala_session, "spark.range(3).count()"))


def test_a_statement_that_ignores_its_cancel_costs_the_repl_and_a_new_one_runs_closures(glue, scala_session, tmp_path):
    # Ignores every interrupt without burning a core: the grace period has to end it. The cancel is sent once the loop
    # runs (the marker file exists): a cancel that arrives while the line still compiles ends it cleanly, REPL kept.
    started = tmp_path / "started"
    code = (f'java.nio.file.Files.createFile(java.nio.file.Paths.get("{started}"))\n'
            "while (true) { try Thread.sleep(100000) catch { case _: InterruptedException => } }")
    statement_id = glue.run_statement(SessionId=scala_session, Code=code)["Id"]
    wait_until(started.exists, timeout=120, message="the statement's loop to start")
    glue.cancel_statement(SessionId=scala_session, Id=statement_id)
    statement = wait_statement(glue, scala_session, statement_id, timeout=300)
    assert statement["State"] == "CANCELLED"
    output = statement["Output"]
    assert (output["Status"], output["ErrorName"]) == ("error", "InterpreterRestarted")
    assert "the Scala interpreter was abandoned" in output["ErrorValue"]
    assert "all variables, imports and functions of this session are lost" in output["ErrorValue"]
    lost = run_error(glue, scala_session, "word")
    assert lost["ErrorName"] == "CompileError" and "not found: value word" in lost["ErrorValue"]
    # The new REPL's lines are named apart from the old one's, whose classes executors already loaded.
    text = run_ok(glue, scala_session, "val k = 5\nsc.parallelize(1 to 3).map(_ + k).collect.mkString(\",\")")
    assert text.endswith(': String = 6,7,8\n'), text
