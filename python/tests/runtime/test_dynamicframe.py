"""The awsglue Python API end to end on a plain local PySpark with the epoxy-runtime jar."""

import gzip
import json
import os

import pytest
from pyspark.sql import DataFrame, Row, SparkSession

from awsglue import gluetypes
from awsglue._jvm import GlueThresholdError
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection, ResolveOption
from awsglue.job import Job


def _write_lines(path, lines):
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return str(path)


def _orders(count):
    """JSON lines whose amount is a long for even ids and a string for odd ids."""
    lines = []
    for i in range(count):
        amount = i if i % 2 == 0 else '"n/a"'
        lines.append('{"id": %d, "region": "%s", "amount": %s}' % (i, ["eu", "us"][i % 2], amount))
    return lines


def test_glue_context_accepts_none_spark_context_and_session(spark, glue_context):
    assert GlueContext(spark).spark_session is spark
    assert GlueContext(spark.sparkContext)._jglue_ctx is not None
    assert GlueContext().spark_session.sparkContext is spark.sparkContext
    assert GlueContext(spark, minPartitions=3)._jglue_ctx.targetPartitions() == 3
    with pytest.raises(TypeError, match="minPartitions must be int, got str"):
        GlueContext(spark, minPartitions="3")
    with pytest.raises(TypeError, match="sparkContext must be None, a SparkContext or a SparkSession, got str"):
        GlueContext("local")


def test_json_with_varying_types_gives_choice_schema_print_and_show(glue_context, tmp_path, capsys):
    path = _write_lines(tmp_path / "orders.json", _orders(6))
    frame = glue_context.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={"paths": [path]}, format="json")
    assert frame.count() == 6
    schema = frame.schema()
    assert isinstance(schema, gluetypes.StructType)
    assert [field.name for field in schema] == ["id", "region", "amount"]
    assert sorted(schema.getField("amount").dataType.choices) == ["long", "string"]
    frame.printSchema()
    assert capsys.readouterr().out == ("root\n|-- id: long\n|-- region: string\n|-- amount: choice\n"
                                       "|    |-- long\n|    |-- string\n")
    frame.coalesce(1).show(2)
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert shown == [{"id": 0, "region": "eu", "amount": 0}, {"id": 1, "region": "us", "amount": "n/a"}]


def test_to_df_turns_choices_into_structs_and_project_resolves(glue_context, tmp_path):
    path = _write_lines(tmp_path / "orders.json", _orders(4))
    frame = glue_context.create_dynamic_frame_from_options("s3", {"paths": [path]}, format="json")
    df = frame.toDF()
    assert isinstance(df, DataFrame)
    assert df.schema["amount"].dataType.simpleString() == "struct<long:bigint,string:string>"
    rows = {row.id: row.amount for row in df.collect()}
    assert rows[2].long == 2 and rows[2].string is None
    assert rows[3].long is None and rows[3].string == "n/a"
    projected = frame.toDF([ResolveOption("amount", "Project", gluetypes.LongType())])
    assert projected.schema["amount"].dataType.simpleString() == "bigint"
    with pytest.raises(ValueError, match="Invalid resolve action Cast"):
        frame.toDF([ResolveOption("amount", "Cast", gluetypes.LongType())])
    with pytest.raises(Exception, match="Missing target type for resolve action Project."):
        frame.toDF([ResolveOption("amount", "Project")])


def test_malformed_json_lines_become_error_records(glue_context, tmp_path):
    path = _write_lines(tmp_path / "bad.json", _orders(3) + ['{"id": 9, ', "garbage"])
    frame = glue_context.create_dynamic_frame.from_options("s3", {"paths": [path]}, format="json")
    assert frame.count() == 3
    assert frame.errorsCount() == 2
    assert frame.stageErrorsCount() == 2
    errors = frame.errorsAsDynamicFrame().toDF().select("error.msg", "error.input").collect()
    assert {row.msg for row in errors} == {"error in jackson reader"}
    assert {row.input for row in errors} == {'{"id": 9, ', "garbage"}
    repartitioned = frame.repartition(2, totalThreshold=1)
    assert repartitioned.getNumPartitions() == 2
    assert repartitioned.stageErrorsCount() == 0
    with pytest.raises(GlueThresholdError, match="more than its totalThreshold of 1"):
        repartitioned.assertErrorThreshold()


def test_csv_mostly_numbers_with_some_strings_is_choice_of_long_and_string(glue_context, tmp_path):
    lines = ["id,qty"] + ["%d,%s" % (i, "many" if i % 5 == 0 else str(i * 3)) for i in range(1, 21)]
    path = _write_lines(tmp_path / "q.csv", lines)
    frame = glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": [path]}, format="csv", format_options={"withHeader": True})
    qty = frame.schema().getField("qty").dataType
    assert isinstance(qty, gluetypes.ChoiceType) and sorted(qty.choices) == ["long", "string"]
    assert frame.toDF().where("qty.string is not null").count() == 4


def test_from_df_and_partitioned_parquet_write(glue_context, spark, tmp_path):
    df = spark.createDataFrame([Row(id=i, region=["eu", "us", "ap"][i % 3], total=float(i)) for i in range(9)])
    frame = DynamicFrame.fromDF(df, glue_context, "summary")
    assert frame.name == "summary" and frame.count() == 9
    out = str(tmp_path / "out")
    result = glue_context.write_dynamic_frame.from_options(
        frame=frame, connection_type="s3", connection_options={"path": out, "partitionKeys": ["region"]},
        format="parquet")
    assert isinstance(result, DynamicFrame) and result.name == "summary_errors"
    assert sorted(name for name in os.listdir(out) if not name.startswith(("_", "."))) == \
        ["region=ap", "region=eu", "region=us"]
    back = glue_context.create_dynamic_frame.from_options("s3", {"paths": [out]}, format="parquet")
    assert back.count() == 9
    assert back.toDF().where("region = 'ap'").count() == 3
    as_df = glue_context.create_data_frame.from_options("s3", {"paths": [out]}, format="parquet")
    assert isinstance(as_df, DataFrame) and as_df.count() == 9


def test_collections_sources_and_sinks(glue_context, spark, tmp_path):
    df = spark.createDataFrame([Row(a=1), Row(a=2)])
    frames = DynamicFrameCollection({"one": DynamicFrame.fromDF(df, glue_context, "one")}, glue_context)
    assert frames.select("missing").count() == 0 and frames.select("missing").name == "missing"
    out = str(tmp_path / "coll")
    glue_context.write_from_options(frames, "s3", {"path": out}, format="json")
    assert glue_context.create_dynamic_frame.from_options("s3", {"paths": [out + "/one"]}, format="json").count() == 2
    sink = glue_context.getSink("s3", path=str(tmp_path / "sink"))
    sink.setFormat("avro")
    errors = sink.writeFrame(frames["one"])
    assert errors.count() == 0
    source = glue_context.getSource("s3", paths=[str(tmp_path / "sink")])
    source.setFormat("avro")
    assert source.getFrame().count() == 2
    assert glue_context.getSource("s3", format="avro", paths=[str(tmp_path / "sink")]).getFrame().count() == 2
    glue_context.getSink("s3", format="json", path=str(tmp_path / "sink-json")).writeFrame(frames["one"])
    assert glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": [str(tmp_path / "sink-json")]}, format="json").count() == 2
    sink.setCatalogInfo(catalogDatabase="db", catalogTableName="t")
    with pytest.raises(ValueError, match="catalogTableName is missing"):
        sink.setCatalogInfo(catalogDatabase="db", catalogTableName="")
    with pytest.raises(TypeError, match="frame_or_dfc must be DynamicFrame or DynamicFrameCollection. Got DataFrame"):
        glue_context.write_from_options(df, "s3", {"path": out}, format="json")


def test_from_rdd_and_gzip_input(glue_context, spark, tmp_path):
    frame = glue_context.create_dynamic_frame.from_rdd(spark.sparkContext.parallelize([Row(x=1), Row(x=2)]), "rdd")
    assert frame.count() == 2 and frame.name == "rdd"
    path = tmp_path / "o.json.gz"
    with gzip.open(path, "wt") as out:
        out.write("\n".join(_orders(5)))
    assert glue_context.create_dynamic_frame.from_options("s3", {"paths": [str(path)]}, format="json").count() == 5


def test_bad_input_raises_clean_python_errors(glue_context, tmp_path):
    missing = str(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="Path does not exist: " + missing):
        glue_context.create_dynamic_frame.from_options("s3", {"paths": [missing]}, format="json")
    with pytest.raises(TypeError, match="connection_options must be dict, got list"):
        glue_context.create_dynamic_frame.from_options("s3", ["x"], format="json")
    path = _write_lines(tmp_path / "x.json", _orders(2))
    frame = glue_context.create_dynamic_frame.from_options("s3", {"paths": [path]}, format="json")
    with pytest.raises(TypeError, match="stageThreshold must be int, got str"):
        frame.repartition(2, stageThreshold="1")
    with pytest.raises(ValueError, match="Unknown format yaml"):
        glue_context.create_dynamic_frame.from_options("s3", {"paths": [path]}, format="yaml")
    with pytest.raises(TypeError, match="dataframe must be DataFrame, got list"):
        DynamicFrame.fromDF([1], glue_context, "x")


def test_catalog_variants_validate_then_explain(glue_context):
    with pytest.raises(Exception, match="Parameter table_name is missing."):
        glue_context.create_dynamic_frame.from_catalog(database="sales_db")
    with pytest.raises(Exception, match="Parameter name_space or database is missing."):
        glue_context.create_dynamic_frame.from_catalog(table_name="t")
    if glue_context.spark_session.sparkContext.getConf().get("spark.epoxy.glue.endpoint") is None:
        # A SparkSession not launched by an Epoxy server does not know where the catalog is.
        with pytest.raises(NotImplementedError, match="The Glue Data Catalog is not reachable: spark.epoxy.glue.endpoint is not set"):
            glue_context.create_dynamic_frame.from_catalog(database="sales_db", table_name="raw_orders").count()
    else:
        # Inside a session (test_runtime_in_session runs this suite there) the catalog answers, and has no such database.
        with pytest.raises(Exception, match="sales_db"):
            glue_context.create_dynamic_frame.from_catalog(database="sales_db", table_name="raw_orders").count()


def test_with_frame_schema_logger_purge_and_job(glue_context, spark, tmp_path):
    frame = DynamicFrame.fromDF(spark.createDataFrame([Row(a=1)]), glue_context, "f")
    declared = gluetypes.StructType([gluetypes.Field("a", gluetypes.LongType()), gluetypes.Field("b", gluetypes.StringType())])
    assert frame.with_frame_schema(declared).schema() == declared
    glue_context.get_logger().info("hello from the tests")
    out = str(tmp_path / "purge")
    frame.write("s3", {"path": out}, "json")
    glue_context.purge_s3_path(out, {"retentionPeriod": 0})
    assert [f for _, _, files in os.walk(out) for f in files if not f.startswith(".")] == []
    job = Job(glue_context)
    job.init("job", {"JOB_NAME": "job"})
    assert job.isInitialized()
    job.commit()
    with pytest.raises(Exception, match="cannot init Job instance given input parameter type"):
        Job("nope")


def test_sample_frame_and_jvm_collections(glue_context, spark, tmp_path):
    path = _write_lines(tmp_path / "s.json", _orders(10))
    sample = glue_context.create_sample_dynamic_frame_from_options("s3", {"paths": [path]}, num=3, format="json")
    assert sample.count() == 3
    with pytest.raises(TypeError, match="num must be int, got NoneType"):
        glue_context.create_sample_dynamic_frame_from_options("s3", {"paths": [path]}, format="json")
    jvm = spark.sparkContext._jvm
    frame = DynamicFrame.fromDF(spark.createDataFrame([Row(a=1)]), glue_context, "first")
    frames = jvm.java.util.ArrayList()
    frames.add(frame._jdf)
    jdfc = jvm.dev.epoxy.glue.DynamicFrameCollection.of(frames, glue_context._jglue_ctx)
    collection = DynamicFrameCollection._from_jvm(jdfc, glue_context)
    assert list(collection.keys()) == ["first"] and collection["first"].count() == 1


def test_push_down_predicate_prunes_partitions(glue_context, spark, tmp_path):
    out = str(tmp_path / "parts")
    spark.createDataFrame([Row(id=i, year=str(2025 + i % 2)) for i in range(8)]).write.partitionBy("year").parquet(out)
    frame = glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": [out]}, format="parquet", push_down_predicate="year == '2026'")
    assert frame.count() == 4
    with pytest.raises(ValueError, match="Cannot apply push_down_predicate month == '02'"):
        glue_context.create_dynamic_frame.from_options(
            "s3", {"paths": [out]}, format="parquet", push_down_predicate="month == '02'")
