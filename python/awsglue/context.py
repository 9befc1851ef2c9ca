"""``awsglue.context``: GlueContext and its readers and writers, over the JVM dev.epoxy.glue.GlueContext."""

import os
import time
import uuid
import warnings
from typing import Any, Dict, Optional

from pyspark import SparkContext
from pyspark.sql import DataFrame, SparkSession, SQLContext

from awsglue._jvm import call_site, check_type, jvm_errors, options_json, runtime
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from awsglue.data_source import DataSource
from awsglue.data_sink import DataSink

def _catalog_arguments(database, table_name, kwargs):
    """The reference's parameter checks of every from_catalog variant; returns the database."""
    if database is not None and "name_space" in kwargs:
        raise Exception("Parameter name_space and database are both specified, choose one.")
    if database is None and "name_space" not in kwargs:
        raise Exception("Parameter name_space or database is missing.")
    if table_name is None:
        raise Exception("Parameter table_name is missing.")
    return database if database is not None else kwargs["name_space"]


class GlueContext(SQLContext):
    """The entry point of Glue scripts: ``GlueContext(sparkContext=None, **options)`` where
    ``sparkContext`` may be None, a SparkContext or a SparkSession; options ``minPartitions`` and
    ``targetPartitions``."""

    Spark_SQL_Formats = {"parquet", "orc"}
    Unsupported_Compression_Types = {"lzo"}

    def __init__(self, sparkContext=None, **options):
        if sparkContext is None:
            spark = SparkSession.builder.getOrCreate()
            sc = spark.sparkContext
        elif isinstance(sparkContext, SparkSession):
            spark = sparkContext
            sc = spark.sparkContext
        elif isinstance(sparkContext, SparkContext):
            sc = sparkContext
            spark = SparkSession(sc) if SparkSession.getActiveSession() is None else SparkSession.getActiveSession()
        else:
            raise TypeError("sparkContext must be None, a SparkContext or a SparkSession, got {}".format(
                type(sparkContext).__name__))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            super(GlueContext, self).__init__(sc, spark)
        self._glue_options = options
        self._jglue_ctx = self._create_jvm_context(sc, spark, options)
        self.create_dynamic_frame = DynamicFrameReader(self)
        self.create_data_frame = DataFrameReader(self)
        self.write_dynamic_frame = DynamicFrameWriter(self)
        self.write_data_frame = DataFrameWriter(self)
        self.spark_session = spark

    @staticmethod
    @jvm_errors
    def _create_jvm_context(sc, spark, options):
        min_partitions = options.get("minPartitions")
        target_partitions = options.get("targetPartitions")
        for name, value in (("minPartitions", min_partitions), ("targetPartitions", target_partitions)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError("{} must be int, got {}".format(name, type(value).__name__))
        if min_partitions is None and target_partitions is None:
            return runtime(sc).GlueContext(spark._jsparkSession)
        if min_partitions is None:
            min_partitions = target_partitions
        if target_partitions is None:
            target_partitions = min_partitions
        return runtime(sc).GlueContext(spark._jsparkSession, min_partitions, target_partitions)

    # ---- sources ------------------------------------------------------------------------------

    @jvm_errors
    def getSource(self, connection_type: str, format: Optional[str] = None, transformation_ctx: str = "",
                  push_down_predicate: str = "", **options) -> DataSource:
        check_type(connection_type, str, "connection_type")
        if format is not None:
            check_type(format, str, "format")
        if format and format.lower() in self.Spark_SQL_Formats:
            connection_type = format
        elif options.get("compressionType") == "lzo":
            if format is None:
                raise Exception("When using compressionType lzo, the format parameter must be specified.")
            connection_type = format
        j_source = self._jglue_ctx.getSource(connection_type, options_json(options, "connection_options"),
                                             transformation_ctx, push_down_predicate)
        if format and format.lower() not in self.Spark_SQL_Formats:
            # A later setFormat (with format options) replaces this one.
            j_source.setFormat(format, "{}")
        return DataSource(j_source, self, _source_name(options.get("paths")))

    def _formatted_source(self, connection_type, connection_options, format, format_options, transformation_ctx,
                          push_down_predicate) -> DataSource:
        """The source every ``*_from_options`` reader uses: options checked, format set with its options."""
        connection_options = {} if connection_options is None else connection_options
        format_options = {} if format_options is None else format_options
        check_type(connection_options, dict, "connection_options")
        check_type(format_options, dict, "format_options")
        source = self.getSource(connection_type, format, transformation_ctx, push_down_predicate, **connection_options)
        if format is not None and format.lower() not in self.Spark_SQL_Formats:
            source.setFormat(format, **format_options)
        return source

    def create_dynamic_frame_from_options(self, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                                          format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                                          transformation_ctx: str = "", push_down_predicate: str = "",
                                          **kwargs) -> DynamicFrame:
        source = self._formatted_source(connection_type, connection_options, format, format_options,
                                        transformation_ctx, push_down_predicate)
        return source.getFrame(**kwargs)

    def create_dynamic_frame_from_rdd(self, data, name: str, schema=None, sample_ratio=None,
                                      transformation_ctx: str = "") -> DynamicFrame:
        check_type(name, str, "name")
        df = self.createDataFrame(data, schema, sample_ratio)
        return DynamicFrame.fromDF(df, self, name)

    @jvm_errors
    def getCatalogSource(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                         push_down_predicate="", additional_options={}, catalog_id=None, **kwargs) -> DataSource:
        database = _catalog_arguments(database, table_name, kwargs)
        check_type(push_down_predicate, str, "push_down_predicate")
        j_source = self._jglue_ctx.getCatalogSource(database, table_name, redshift_tmp_dir, transformation_ctx,
                                                    push_down_predicate,
                                                    options_json(additional_options, "additional_options"), catalog_id)
        return DataSource(j_source, self, table_name)

    def create_dynamic_frame_from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                                          push_down_predicate="", additional_options={}, catalog_id=None, **kwargs):
        frame_options = {key: kwargs.pop(key) for key in ("minPartitions", "targetPartitions") if key in kwargs}
        source = self.getCatalogSource(database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate,
                                       additional_options, catalog_id, **kwargs)
        return source.getFrame(**frame_options)

    def create_sample_dynamic_frame_from_catalog(self, database=None, table_name=None, num=None, sample_options={},
                                                 redshift_tmp_dir="", transformation_ctx="", push_down_predicate="",
                                                 additional_options={}, catalog_id=None, **kwargs):
        source = self.getCatalogSource(database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate,
                                       additional_options, catalog_id, **kwargs)
        return source.getSampleFrame(num, **(sample_options or {}))

    def create_sample_dynamic_frame_from_options(self, connection_type: str,
                                                 connection_options: Optional[Dict[str, Any]] = None, num=None,
                                                 sample_options: Optional[Dict[str, Any]] = None,
                                                 format: Optional[str] = None,
                                                 format_options: Optional[Dict[str, Any]] = None,
                                                 transformation_ctx: str = "", push_down_predicate: str = "",
                                                 **kwargs) -> DynamicFrame:
        source = self._formatted_source(connection_type, connection_options, format, format_options,
                                        transformation_ctx, push_down_predicate)
        return source.getSampleFrame(num, **(sample_options or {}))

    def create_data_frame_from_options(self, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                                       format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                                       transformation_ctx: str = "", push_down_predicate: str = "", **kwargs) -> DataFrame:
        source = self._formatted_source(connection_type, connection_options, format, format_options,
                                        transformation_ctx, push_down_predicate)
        return source.getDataFrame()

    def create_data_frame_from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                                       push_down_predicate="", additional_options={}, catalog_id=None, **kwargs):
        source = self.getCatalogSource(database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate,
                                       additional_options, catalog_id, **kwargs)
        return source.getDataFrame()

    @jvm_errors
    def get_catalog_schema_as_spark_schema(self, database=None, table_name=None, catalog_id=None):
        from pyspark.sql.types import _parse_datatype_json_string
        database = _catalog_arguments(database, table_name, {})
        j_schema = self._jglue_ctx.getCatalogSchemaAsSparkSchema(database, table_name, catalog_id)
        return _parse_datatype_json_string(j_schema.json())

    # ---- sinks --------------------------------------------------------------------------------

    @jvm_errors
    def getSink(self, connection_type: str, format: Optional[str] = None, transformation_ctx: str = "",
                **options) -> DataSink:
        check_type(connection_type, str, "connection_type")
        if format is not None:
            check_type(format, str, "format")
        if format and format.lower() in self.Spark_SQL_Formats:
            connection_type = format
        j_sink = self._jglue_ctx.getSink(connection_type, options_json(options, "connection_options"), transformation_ctx)
        if format and format.lower() not in self.Spark_SQL_Formats:
            j_sink.setFormat(format, "{}")
        return DataSink(j_sink, self)

    def write_dynamic_frame_from_options(self, frame, connection_type: str,
                                         connection_options: Optional[Dict[str, Any]] = None,
                                         format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                                         transformation_ctx: str = ""):
        return self.write_from_options(frame, connection_type, connection_options, format, format_options,
                                       transformation_ctx)

    def write_from_options(self, frame_or_dfc, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                           format=None, format_options: Optional[Dict[str, Any]] = None, transformation_ctx: str = "",
                           **kwargs):
        connection_options = {} if connection_options is None else connection_options
        format_options = {} if format_options is None else format_options
        check_type(connection_options, dict, "connection_options")
        check_type(format_options, dict, "format_options")
        if format == {}:
            format = None
        if isinstance(frame_or_dfc, DynamicFrameCollection):
            connection_options = dict(connection_options, useFrameName=True)
        elif not isinstance(frame_or_dfc, DynamicFrame):
            raise TypeError("frame_or_dfc must be DynamicFrame or DynamicFrameCollection. Got {}".format(
                type(frame_or_dfc).__name__))
        sink = self.getSink(connection_type, format, transformation_ctx, **connection_options)
        if format is not None:
            sink.setFormat(format, **format_options)
        accumulator_size = kwargs.get("accumulator_size", 0)
        if accumulator_size:
            sink.setAccumulableSize(accumulator_size)
        return sink.write(frame_or_dfc)

    @jvm_errors
    def getCatalogSink(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                       additional_options={}, catalog_id=None, **kwargs) -> DataSink:
        database = _catalog_arguments(database, table_name, kwargs)
        j_sink = self._jglue_ctx.getCatalogSink(database, table_name, redshift_tmp_dir, transformation_ctx,
                                                options_json(additional_options, "additional_options"), catalog_id)
        return DataSink(j_sink, self)

    def write_dynamic_frame_from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="",
                                         transformation_ctx="", additional_options={}, catalog_id=None, **kwargs):
        check_type(frame, DynamicFrame, "frame")
        sink = self.getCatalogSink(database, table_name, redshift_tmp_dir, transformation_ctx, additional_options,
                                   catalog_id, **kwargs)
        return sink.write(frame)

    def write_data_frame_from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="",
                                      transformation_ctx="", additional_options={}, catalog_id=None, **kwargs):
        check_type(frame, DataFrame, "frame")
        sink = self.getCatalogSink(database, table_name, redshift_tmp_dir, transformation_ctx, additional_options,
                                   catalog_id, **kwargs)
        return sink.write(DynamicFrame.fromDF(frame, self, table_name))

    @jvm_errors
    def getJDBCSink(self, catalog_connection, connection_options={}, redshift_tmp_dir="", transformation_ctx="",
                    catalog_id=None) -> DataSink:
        check_type(catalog_connection, str, "catalog_connection")
        j_sink = self._jglue_ctx.getJDBCSink(catalog_connection, options_json(connection_options, "connection_options"),
                                             redshift_tmp_dir, transformation_ctx, catalog_id)
        return DataSink(j_sink, self)

    def write_dynamic_frame_from_jdbc_conf(self, frame, catalog_connection, connection_options={}, redshift_tmp_dir="",
                                           transformation_ctx="", catalog_id=None):
        self.write_from_jdbc_conf(frame, catalog_connection, connection_options, redshift_tmp_dir, transformation_ctx,
                                  catalog_id)

    def write_from_jdbc_conf(self, frame_or_dfc, catalog_connection, connection_options={}, redshift_tmp_dir="",
                             transformation_ctx="", catalog_id=None):
        connection_options = {} if connection_options is None else dict(connection_options)
        if isinstance(frame_or_dfc, DynamicFrameCollection):
            connection_options["useFrameName"] = True
        elif not isinstance(frame_or_dfc, DynamicFrame):
            raise TypeError("frame_or_dfc must be DynamicFrame or DynamicFrameCollection. Got {}".format(
                type(frame_or_dfc).__name__))
        sink = self.getJDBCSink(catalog_connection, connection_options, redshift_tmp_dir, transformation_ctx, catalog_id)
        return sink.write(frame_or_dfc)

    @jvm_errors
    def extract_jdbc_conf(self, connection_name, catalog_id=None):
        check_type(connection_name, str, "connection_name")
        return dict(self._jglue_ctx.extractJDBCConf(connection_name, catalog_id))

    # ---- housekeeping -------------------------------------------------------------------------

    @jvm_errors
    def purge_s3_path(self, s3_path: str, options: Optional[Dict[str, Any]] = None, transformation_ctx: str = "") -> None:
        check_type(s3_path, str, "s3_path")
        self._jglue_ctx.purgeS3Path(s3_path, options_json(options or {}, "options"), transformation_ctx)

    @jvm_errors
    def purge_table(self, database, table_name, options={}, transformation_ctx="", catalog_id=None):
        self._jglue_ctx.purgeTable(database, table_name, options_json(options or {}, "options"), transformation_ctx,
                                   catalog_id)

    @jvm_errors
    def transition_table(self, database, table_name, transition_to, options={}, transformation_ctx="", catalog_id=None):
        self._jglue_ctx.transitionTable(database, table_name, transition_to, options_json(options or {}, "options"),
                                        transformation_ctx, catalog_id)

    def transition_s3_path(self, s3_path, transition_to, options={}, transformation_ctx=""):
        raise NotImplementedError("transition_s3_path: storage classes do not exist in Epoxy's local S3")

    @jvm_errors
    def get_logger(self):
        return self._jglue_ctx.getLogger()

    def currentTimeMillis(self) -> int:
        return int(time.time() * 1000)


class DynamicFrameReader(object):
    """``glueContext.create_dynamic_frame``."""

    def __init__(self, glue_context: GlueContext):
        self._glue_context = glue_context

    def from_rdd(self, data, name: str, schema=None, sampleRatio=None) -> DynamicFrame:
        return self._glue_context.create_dynamic_frame_from_rdd(data, name, schema, sampleRatio)

    def from_options(self, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                     format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                     transformation_ctx: str = "", push_down_predicate: str = "", **kwargs) -> DynamicFrame:
        return self._glue_context.create_dynamic_frame_from_options(
            connection_type, connection_options, format, format_options, transformation_ctx, push_down_predicate, **kwargs)

    def from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     push_down_predicate="", additional_options={}, catalog_id=None, **kwargs):
        return self._glue_context.create_dynamic_frame_from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options,
            catalog_id, **kwargs)


class DataFrameReader(object):
    """``glueContext.create_data_frame``."""

    def __init__(self, glue_context: GlueContext):
        self._glue_context = glue_context

    def from_options(self, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                     format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                     transformation_ctx: str = "", push_down_predicate: str = "", **kwargs) -> DataFrame:
        return self._glue_context.create_data_frame_from_options(
            connection_type, connection_options, format, format_options, transformation_ctx, push_down_predicate, **kwargs)

    def from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     push_down_predicate="", additional_options={}, catalog_id=None, **kwargs):
        return self._glue_context.create_data_frame_from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options,
            catalog_id, **kwargs)


class DynamicFrameWriter(object):
    """``glueContext.write_dynamic_frame``."""

    def __init__(self, glue_context: GlueContext):
        self._glue_context = glue_context

    def from_options(self, frame, connection_type: str, connection_options: Optional[Dict[str, Any]] = None,
                     format: Optional[str] = None, format_options: Optional[Dict[str, Any]] = None,
                     transformation_ctx: str = ""):
        return self._glue_context.write_dynamic_frame_from_options(
            frame, connection_type, connection_options, format, format_options, transformation_ctx)

    def from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     additional_options={}, catalog_id=None, **kwargs):
        return self._glue_context.write_dynamic_frame_from_catalog(
            frame, database, table_name, redshift_tmp_dir, transformation_ctx, additional_options, catalog_id, **kwargs)

    def from_jdbc_conf(self, frame, catalog_connection, connection_options={}, redshift_tmp_dir="", transformation_ctx=""):
        return self._glue_context.write_dynamic_frame_from_jdbc_conf(
            frame, catalog_connection, connection_options, redshift_tmp_dir, transformation_ctx)


class DataFrameWriter(object):
    """``glueContext.write_data_frame``."""

    def __init__(self, glue_context: GlueContext):
        self._glue_context = glue_context

    def from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     additional_options={}, catalog_id=None, **kwargs):
        return self._glue_context.write_data_frame_from_catalog(
            frame, database, table_name, redshift_tmp_dir, transformation_ctx, additional_options, catalog_id, **kwargs)


def _source_name(paths) -> str:
    """Glue names a source frame after the common prefix of its paths (scheme and separators removed)."""
    if isinstance(paths, str):
        paths = [paths]
    if paths and all(isinstance(path, str) for path in paths):
        prefix = os.path.commonprefix(list(paths))
        prefix = prefix[prefix.rfind(":") + 1:]
        name = prefix.replace(":", "").replace("/", "").replace(".", "")
        if name:
            return name
    return str(uuid.uuid1()).replace("-", "_")
