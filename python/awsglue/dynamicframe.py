"""``awsglue.dynamicframe``: DynamicFrame, DynamicFrameCollection, ResolveOption.

Every method delegates to the JVM ``dev.epoxy.glue.DynamicFrame`` held in ``_jdf``; Python only
converts and checks arguments.
"""

import json
from typing import Any, Dict, List, Optional, Union

from pyspark.sql import DataFrame

from awsglue import gluetypes
from awsglue._jvm import call_site, check_threshold, check_type, jvm_errors, options_json, runtime


class ResolveOption(object):
    """How ``toDF`` resolves one choice column: action ``KeepAsStruct`` or ``Project`` (with a
    gluetypes ``target``)."""

    def __init__(self, path: str, action: str, target: Optional[gluetypes.DataType] = None):
        self.path = path
        self.action = action
        self.target = target


def _resolve_spec(option: ResolveOption):
    if not isinstance(option, ResolveOption):
        raise TypeError("toDF options must be ResolveOption instances, got {}".format(type(option).__name__))
    if option.action == "KeepAsStruct":
        return [option.path, "make_struct"]
    if option.target is None:
        raise Exception("Missing target type for resolve action {}.".format(option.action))
    if option.action == "Project":
        if not isinstance(option.target, gluetypes.DataType):
            raise TypeError("ResolveOption target must be an awsglue.gluetypes DataType, got {}".format(
                type(option.target).__name__))
        return [option.path, "project:" + option.target.typeName()]
    raise ValueError("Invalid resolve action {}. Action must be one of KeepAsStruct and Project.".format(option.action))


class DynamicFrame(object):
    """A distributed collection of self-describing records (see epoxy-runtime/DESIGN.md)."""

    def __init__(self, jdf, glue_ctx, name: str = ""):
        self._jdf = jdf
        self.glue_ctx = glue_ctx
        self._sc = glue_ctx and glue_ctx._sc
        self.name = name
        self._schema = None

    # ---- conversion -----------------------------------------------------------------------------

    @classmethod
    @jvm_errors
    def fromDF(cls, dataframe: DataFrame, glue_ctx, name: str = "") -> "DynamicFrame":
        check_type(dataframe, DataFrame, "dataframe")
        _check_glue_context(glue_ctx, "glue_ctx")
        check_type(name, str, "name")
        jdf = runtime(glue_ctx._sc).DynamicFrame.fromDF(dataframe._jdf, glue_ctx._jglue_ctx, name)
        return cls(jdf, glue_ctx, name)

    @jvm_errors
    def toDF(self, options: Optional[List[ResolveOption]] = None) -> DataFrame:
        if options is None or len(options) == 0:
            jdf = self._jdf.toDF()
        else:
            if not isinstance(options, (list, tuple)):
                raise TypeError("options must be a list of ResolveOption, got {}".format(type(options).__name__))
            jdf = self._jdf.toDF(json.dumps([_resolve_spec(option) for option in options]))
        return DataFrame(jdf, self.glue_ctx.spark_session)

    # ---- inspection -----------------------------------------------------------------------------

    @jvm_errors
    def count(self) -> int:
        return self._jdf.count()

    @jvm_errors
    def schema(self) -> gluetypes.StructType:
        if self._schema is None:
            self._schema = gluetypes._deserialize_json_string(self._jdf.schemaJson())
        return self._schema

    @jvm_errors
    def printSchema(self) -> None:
        print(self._jdf.schema().treeString(), end="")

    @jvm_errors
    def show(self, num_rows: int = 20) -> None:
        check_threshold(num_rows, "num_rows")
        print(self._jdf.showString(num_rows), end="")

    @jvm_errors
    def getNumPartitions(self) -> int:
        return self._jdf.getNumPartitions()

    def getName(self) -> str:
        return self.name

    @jvm_errors
    def with_frame_schema(self, schema: gluetypes.StructType) -> "DynamicFrame":
        check_type(schema, gluetypes.StructType, "schema")
        frame = DynamicFrame(self._jdf.pyWithFrameSchema(gluetypes._serialize_schema(schema)), self.glue_ctx, self.name)
        return frame

    # ---- partitions -----------------------------------------------------------------------------

    @jvm_errors
    def repartition(self, num_partitions: int, transformation_ctx: str = "", info: str = "",
                    stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_threshold(num_partitions, "num_partitions")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.repartition(num_partitions, *args))

    @jvm_errors
    def coalesce(self, num_partitions: int, shuffle: bool = False, transformation_ctx: str = "", info: str = "",
                 stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_threshold(num_partitions, "num_partitions")
        check_type(shuffle, bool, "shuffle")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.coalesce(num_partitions, shuffle, *args))

    # ---- errors ---------------------------------------------------------------------------------

    @jvm_errors
    def errorsAsDynamicFrame(self) -> "DynamicFrame":
        return DynamicFrame(self._jdf.errorsAsDynamicFrame(), self.glue_ctx, self.name + "_errors")

    @jvm_errors
    def errorsCount(self) -> int:
        return self._jdf.errorsCount()

    @jvm_errors
    def stageErrorsCount(self) -> int:
        return self._jdf.stageErrorsCount()

    @jvm_errors
    def assertErrorThreshold(self) -> None:
        self._jdf.assertErrorThreshold()

    # ---- writing --------------------------------------------------------------------------------

    def write(self, connection_type: str, connection_options: Optional[Dict[str, Any]] = None, format: Optional[str] = None,
              format_options: Optional[Dict[str, Any]] = None, accumulator_size: int = 0) -> "DynamicFrame":
        return self.glue_ctx.write_from_options(self, connection_type, connection_options or {}, format,
                                                format_options or {}, accumulator_size=accumulator_size)

    # ---- transforms (issue 3): each delegates to dev.epoxy.glue.transforms through the JVM frame ----

    @jvm_errors
    def apply_mapping(self, mappings, case_sensitive: bool = False, transformation_ctx: str = "", info: str = "",
                      stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_type(case_sensitive, bool, "case_sensitive")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.applyMapping(_mappings_json(mappings), case_sensitive, *args))

    def applyMapping(self, *args, **kwargs) -> "DynamicFrame":
        # The reference tolerates a leading DynamicFrame argument (ApplyMapping-style calls).
        if args and isinstance(args[0], DynamicFrame):
            args = args[1:]
        return self.apply_mapping(*args, **kwargs)

    @jvm_errors
    def resolveChoice(self, specs=None, choice: str = "", database: Optional[str] = None, table_name: Optional[str] = None,
                      transformation_ctx: str = "", info: str = "", stageThreshold: int = 0, totalThreshold: int = 0,
                      catalog_id: Optional[str] = None) -> "DynamicFrame":
        if specs is None and not choice:
            raise Exception("Parameter specs and option are both missing, add one.")
        if specs is not None and choice:
            raise Exception("Parameter specs and option are both specified, choose one.")
        check_type(choice, str, "choice")
        specs_json = "[]" if specs is None else _specs_json(specs)
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.resolveChoice(specs_json, choice, database, table_name, *(args + [catalog_id])))

    @jvm_errors
    def drop_fields(self, paths, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
                    totalThreshold: int = 0) -> "DynamicFrame":
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.dropFields(_paths_json(paths, "paths"), *args))

    @jvm_errors
    def select_fields(self, paths, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
                      totalThreshold: int = 0) -> "DynamicFrame":
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.selectFields(_paths_json(paths, "paths"), *args))

    @jvm_errors
    def rename_field(self, oldName: str, newName: str, transformation_ctx: str = "", info: str = "",
                     stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_type(oldName, str, "oldName")
        check_type(newName, str, "newName")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.renameField(oldName, newName, *args))

    @jvm_errors
    def split_fields(self, paths, name1: str, name2: str, transformation_ctx: str = "", info: str = "",
                     stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrameCollection":
        check_type(name1, str, "name1")
        check_type(name2, str, "name2")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._collection(self._jdf.splitFields(_paths_json(paths, "paths"), name1, name2, *args))

    @jvm_errors
    def split_rows(self, comparison_dict, name1: str, name2: str, transformation_ctx: str = "", info: str = "",
                   stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrameCollection":
        check_type(comparison_dict, dict, "comparison_dict")
        for path, comparisons in comparison_dict.items():
            check_type(path, str, "comparison_dict key")
            check_type(comparisons, dict, "comparison_dict[{!r}]".format(path))
        check_type(name1, str, "name1")
        check_type(name2, str, "name2")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._collection(self._jdf.splitRows(json.dumps(comparison_dict, default=str), name1, name2, *args))

    @jvm_errors
    def filter(self, f, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
               totalThreshold: int = 0) -> "DynamicFrame":
        from pyspark.sql import functions as F
        from pyspark.sql import types as T
        from awsglue import _records

        _check_callable(f, "f")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        _records.ship_awsglue(self._sc)
        verdict = F.udf(_records.filter_verdict(f, self.schema()), T.StructType([
            T.StructField("keep", T.BooleanType()), T.StructField("error", T.StringType()),
            T.StructField("record", T.StringType())]))
        dataset = DataFrame(self._jdf.dataset(), self.glue_ctx.spark_session)
        with_verdict = dataset.withColumn("__epoxy_verdict", verdict(_row_struct(dataset)))
        return self._wrap(self._jdf.pyFilterResult(with_verdict._jdf, "__epoxy_verdict", *args))

    @jvm_errors
    def map(self, f, preservesPartitioning: bool = False, transformation_ctx: str = "", info: str = "",
            stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        from pyspark.sql import functions as F
        from awsglue import _records

        _check_callable(f, "f")
        check_type(preservesPartitioning, bool, "preservesPartitioning")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        _records.ship_awsglue(self._sc)
        mapped = F.udf(_records.map_result(f, self.schema()), _map_output_type())
        dataset = DataFrame(self._jdf.dataset(), self.glue_ctx.spark_session)
        output = dataset.select(mapped(_row_struct(dataset)).alias("out")).select("out.*")
        return self._wrap(self._jdf.pyMapResult(output._jdf, *args))

    @jvm_errors
    def mapPartitions(self, f, preservesPartitioning: bool = True, transformation_ctx: str = "", info: str = "",
                      stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        """Low level: ``f`` maps an iterator of wire dicts ``{"record", "isError", "errorMessage"}`` to another."""
        _check_callable(f, "f")
        return self._map_partitions(f, False, transformation_ctx, info, stageThreshold, totalThreshold)

    @jvm_errors
    def mapPartitionsWithIndex(self, f, preservesPartitioning: bool = False, transformation_ctx: str = "", info: str = "",
                               stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        """Low level: ``f(index, iterator)`` over wire dicts, as mapPartitions."""
        _check_callable(f, "f")
        return self._map_partitions(f, True, transformation_ctx, info, stageThreshold, totalThreshold)

    def _map_partitions(self, f, with_index, transformation_ctx, info, stageThreshold, totalThreshold):
        from awsglue import _records

        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        _records.ship_awsglue(self._sc)
        dataset = DataFrame(self._jdf.dataset(), self.glue_ctx.spark_session)
        rows = dataset.rdd.mapPartitionsWithIndex(_records.partition_function(f, self.schema(), with_index))
        output = self.glue_ctx.spark_session.createDataFrame(rows, _map_output_type())
        return self._wrap(self._jdf.pyMapResult(output._jdf, *args))

    @jvm_errors
    def join(self, paths1, paths2, frame2: "DynamicFrame", transformation_ctx: str = "", info: str = "",
             stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_type(frame2, DynamicFrame, "frame2")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        jdf = self._jdf.join(_paths_json(paths1, "paths1"), _paths_json(paths2, "paths2"), frame2._jdf, *args)
        return self._wrap(jdf, self.name + frame2.name)

    @jvm_errors
    def union(self, other_frame: "DynamicFrame", transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
              totalThreshold: int = 0) -> "DynamicFrame":
        check_type(other_frame, DynamicFrame, "other_frame")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.union(other_frame._jdf, *args))

    @jvm_errors
    def mergeDynamicFrame(self, stage_dynamic_frame: "DynamicFrame", primary_keys, transformation_ctx: str = "",
                          options: Optional[Dict[str, Any]] = None, info: str = "", stageThreshold: int = 0,
                          totalThreshold: int = 0) -> "DynamicFrame":
        check_type(stage_dynamic_frame, DynamicFrame, "stage_dynamic_frame")
        keys_json = _paths_json(primary_keys, "primary_keys")
        options_text = options_json(options, "options")
        ctx, site, stage_threshold, total_threshold = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.mergeDynamicFrames(stage_dynamic_frame._jdf, keys_json, ctx, options_text, site,
                                                       stage_threshold, total_threshold))

    @jvm_errors
    def unbox(self, path: str, format: str, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
              totalThreshold: int = 0, **options) -> "DynamicFrame":
        check_type(path, str, "path")
        check_type(format, str, "format")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.unbox(path, format, options_json(options, "options"), *args))

    @jvm_errors
    def unnest(self, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
               totalThreshold: int = 0) -> "DynamicFrame":
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.unnest(*args))

    @jvm_errors
    def relationalize(self, root_table_name: str, staging_path: str, options: Optional[Dict[str, Any]] = None,
                      transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
                      totalThreshold: int = 0) -> "DynamicFrameCollection":
        check_type(root_table_name, str, "root_table_name")
        check_type(staging_path, str, "staging_path")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._collection(self._jdf.relationalize(root_table_name, staging_path, options_json(options, "options"),
                                                        *args))

    @jvm_errors
    def spigot(self, path: str, options: Optional[Dict[str, Any]] = None, transformation_ctx: str = "", info: str = "",
               stageThreshold: int = 0, totalThreshold: int = 0) -> "DynamicFrame":
        check_type(path, str, "path")
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.spigot(path, options_json(options, "options"), *args))

    @jvm_errors
    def drop_null_fields(self, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
                         totalThreshold: int = 0) -> "DynamicFrame":
        """The DropNullFields transform (fields whose type is null); not a method of Glue's DynamicFrame."""
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.dropNullFields(*args))

    @jvm_errors
    def unnest_ddb_json(self, transformation_ctx: str = "", info: str = "", stageThreshold: int = 0,
                        totalThreshold: int = 0) -> "DynamicFrame":
        args = self._stage_args(transformation_ctx, info, stageThreshold, totalThreshold)
        return self._wrap(self._jdf.unnestDDBJson(*args))

    @jvm_errors
    def simplify_ddb_json(self) -> "DynamicFrame":
        return self._wrap(self._jdf.simplifyDDBJson())

    def _collection(self, jframes) -> "DynamicFrameCollection":
        frames = {}
        for jframe in jframes:
            name = jframe.getName()
            frames[name] = DynamicFrame(jframe, self.glue_ctx, name)
        return DynamicFrameCollection(frames, self.glue_ctx)

    # ---- end of transforms ----------------------------------------------------------------------

    # ---- helpers for methods in this class and for transforms ----------------------------------

    def _stage_args(self, transformation_ctx: str, info: str, stageThreshold: int, totalThreshold: int):
        """The JVM trailing arguments (transformationContext, CallSite, stageThreshold, totalThreshold)."""
        check_type(transformation_ctx, str, "transformation_ctx")
        check_type(info, str, "info")
        check_threshold(stageThreshold, "stageThreshold")
        check_threshold(totalThreshold, "totalThreshold")
        return [transformation_ctx, call_site(self._sc, info), stageThreshold, totalThreshold]

    def _wrap(self, jdf, name: Optional[str] = None) -> "DynamicFrame":
        return DynamicFrame(jdf, self.glue_ctx, self.name if name is None else name)

    def __repr__(self) -> str:
        return "DynamicFrame(name={!r})".format(self.name)


def _mappings_json(mappings) -> str:
    if not isinstance(mappings, (list, tuple)):
        raise TypeError("mappings must be a list of tuples, got {}".format(type(mappings).__name__))
    specs = []
    for mapping in mappings:
        if not isinstance(mapping, (tuple, list)):
            raise TypeError("mappings must contain tuples, got {} {!r}".format(type(mapping).__name__, mapping))
        if len(mapping) not in (2, 3, 4):
            raise ValueError("Mapping tuple must be of length 2, 3, or 4Got tuple of length {}".format(len(mapping)))
        for part in mapping:
            if not isinstance(part, str):
                raise TypeError("mappings: every element of mapping {!r} must be str, got {}".format(
                    tuple(mapping), type(part).__name__))
        specs.append(list(mapping))
    return json.dumps(specs)


def _specs_json(specs) -> str:
    if isinstance(specs, tuple) and len(specs) == 2 and all(isinstance(part, str) for part in specs):
        specs = [specs]
    if not isinstance(specs, (list, tuple)):
        raise TypeError("specs must be a list of (path, action) tuples, got {}".format(type(specs).__name__))
    result = []
    for spec in specs:
        if not isinstance(spec, (tuple, list)) or len(spec) != 2 or not all(isinstance(part, str) for part in spec):
            raise TypeError("specs must contain (path, action) tuples of str, got {!r}".format(spec))
        result.append(list(spec))
    return json.dumps(result)


def _paths_json(paths, parameter: str) -> str:
    if isinstance(paths, str):
        paths = [paths]
    if not isinstance(paths, (list, tuple)):
        raise TypeError("{} must be a str or a list of str, got {}".format(parameter, type(paths).__name__))
    for path in paths:
        if not isinstance(path, str):
            raise TypeError("{} must contain str, got {} {!r}".format(parameter, type(path).__name__, path))
    return json.dumps(list(paths))


def _map_output_type():
    """The rows ``pyMapResult`` reads (see dev.epoxy.glue.transforms.PythonRecords): record, error, input."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField("record", T.StringType()), T.StructField("error", T.StringType()),
                         T.StructField("input", T.StringType())])


def _check_callable(f, parameter: str) -> None:
    if not callable(f):
        raise TypeError("{} must be callable, got {}".format(parameter, type(f).__name__))


def _row_struct(dataset: DataFrame):
    from pyspark.sql import functions as F

    columns = [F.col("`" + name.replace("`", "``") + "`") for name in dataset.columns]
    return F.struct(*columns) if columns else F.struct(F.lit(None).alias("_"))


def _check_glue_context(glue_ctx, parameter: str) -> None:
    if not hasattr(glue_ctx, "_jglue_ctx"):
        raise TypeError("{} must be a GlueContext, got {}".format(parameter, type(glue_ctx).__name__))


class DynamicFrameCollection(object):
    """Named DynamicFrames, e.g. the result of split_fields or relationalize."""

    def __init__(self, dynamic_frames: Union[Dict[str, DynamicFrame], List[DynamicFrame]], glue_ctx):
        if isinstance(dynamic_frames, list):
            self._df_dict = {frame.name: frame for frame in dynamic_frames}
        elif isinstance(dynamic_frames, dict):
            self._df_dict = dict(dynamic_frames)
        else:
            raise TypeError("dynamic_frames must be list or dict.")
        self._glue_ctx = glue_ctx

    @classmethod
    @jvm_errors
    def _from_jvm(cls, jdfc, glue_ctx) -> "DynamicFrameCollection":
        """Wraps a JVM dev.epoxy.glue.DynamicFrameCollection (what collection-returning transforms get)."""
        return cls({key: DynamicFrame(jdfc.get(key), glue_ctx, key) for key in jdfc.keys()}, glue_ctx)

    def __getitem__(self, key: str) -> DynamicFrame:
        return self._df_dict[key]

    def __len__(self) -> int:
        return len(self._df_dict)

    def __iter__(self):
        return iter(self._df_dict)

    def __contains__(self, key) -> bool:
        return key in self._df_dict

    def keys(self):
        return self._df_dict.keys()

    def values(self):
        return self._df_dict.values()

    def items(self):
        return self._df_dict.items()

    @jvm_errors
    def select(self, key: str, transformation_ctx: str = "") -> DynamicFrame:
        if key in self._df_dict:
            return self._df_dict[key]
        jdf = runtime(self._glue_ctx._sc).DynamicFrame.emptyDynamicFrame(self._glue_ctx._jglue_ctx).withName(key)
        return DynamicFrame(jdf, self._glue_ctx, key)

    def map(self, callable, transformation_ctx: str = "") -> "DynamicFrameCollection":
        result = {}
        for key, frame in self._df_dict.items():
            mapped = callable(frame, transformation_ctx + ":" + key)
            if not isinstance(mapped, DynamicFrame):
                raise TypeError("callable must return a DynamicFrame, got {}".format(type(mapped).__name__))
            result[key] = mapped
        return DynamicFrameCollection(result, self._glue_ctx)

    def flatmap(self, f, transformation_ctx: str = "") -> "DynamicFrameCollection":
        frames: List[DynamicFrame] = []
        for frame in self._df_dict.values():
            result = f(frame, transformation_ctx + ":" + frame.name)
            if isinstance(result, DynamicFrameCollection):
                frames.extend(result.values())
            elif isinstance(result, DynamicFrame):
                frames.append(result)
            else:
                raise TypeError("f must return a DynamicFrame or DynamicFrameCollection, got {}".format(
                    type(result).__name__))
        return DynamicFrameCollection(frames, self._glue_ctx)

    def __repr__(self) -> str:
        return "DynamicFrameCollection({})".format(list(self._df_dict.keys()))
