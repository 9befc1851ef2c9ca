"""``DataSink``: what ``GlueContext.getSink`` returns."""

from awsglue._jvm import call_site, check_type, jvm_errors, options_json
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection


class DataSink(object):
    def __init__(self, j_sink, sql_ctx):
        self._jsink = j_sink
        self._sql_ctx = sql_ctx

    @jvm_errors
    def setFormat(self, format, **options):
        check_type(format, str, "format")
        self._jsink.setFormat(format, options_json(options, "format_options"))

    @jvm_errors
    def setAccumulableSize(self, size):
        self._jsink.setAccumulableSize(size)

    @jvm_errors
    def setCatalogInfo(self, catalogDatabase, catalogTableName, catalogId=""):
        self._jsink.setCatalogInfo(catalogDatabase, catalogTableName, catalogId)

    @jvm_errors
    def writeFrame(self, dynamic_frame, info=""):
        check_type(dynamic_frame, DynamicFrame, "dynamic_frame")
        jframe = self._jsink.pyWriteDynamicFrame(dynamic_frame._jdf, call_site(self._sql_ctx._sc, info), info)
        return DynamicFrame(jframe, self._sql_ctx, dynamic_frame.name + "_errors")

    def write(self, dynamic_frame_or_dfc, info=""):
        if isinstance(dynamic_frame_or_dfc, DynamicFrame):
            return self.writeFrame(dynamic_frame_or_dfc, info)
        if isinstance(dynamic_frame_or_dfc, DynamicFrameCollection):
            results = {name: self.writeFrame(DynamicFrame(frame._jdf.withName(name), frame.glue_ctx, name), info)
                       for name, frame in dynamic_frame_or_dfc.items()}
            return DynamicFrameCollection(results, self._sql_ctx)
        raise TypeError("dynamic_frame_or_dfc must be DynamicFrame or DynamicFrameCollection, got {}".format(
            type(dynamic_frame_or_dfc).__name__))
