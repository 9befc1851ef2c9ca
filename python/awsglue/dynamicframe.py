"""``awsglue.dynamicframe``: DynamicFrame, DynamicFrameCollection, ResolveOption.

Every method delegates to the JVM ``dev.epoxy.glue.DynamicFrame`` held in ``_jdf``; Python only
converts and checks arguments.
"""

import json
from typing import Any, Dict, List, Optional, Union

from pyspark.sql import DataFrame

from awsglue import gluetypes
from awsglue._jvm import call_site, check_threshold, check_type, jvm_errors, runtime


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

    # ---- transforms -----------------------------------------------------------------------------
    # apply_mapping, select_fields, drop_fields, rename_field, split_fields, split_rows, filter, map,
    # join, union, mergeDynamicFrame, resolveChoice, unbox, unnest, relationalize, spigot and the
    # DynamoDB helpers are added by the transforms work (issue 3); see epoxy-runtime/DESIGN.md §6.

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
