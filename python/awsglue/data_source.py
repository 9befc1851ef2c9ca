"""``DataSource``: what ``GlueContext.getSource`` returns."""

from awsglue._jvm import check_type, jvm_errors, options_json
from awsglue.dynamicframe import DynamicFrame


class DataSource(object):
    def __init__(self, j_source, sql_ctx, name):
        self._jsource = j_source
        self._sql_ctx = sql_ctx
        self.name = name

    @jvm_errors
    def setFormat(self, format, **options):
        check_type(format, str, "format")
        self._jsource.setFormat(format, options_json(options, "format_options"))

    @jvm_errors
    def getFrame(self, **options):
        min_partitions = options.get("minPartitions")
        target_partitions = options.get("targetPartitions")
        if min_partitions is None and target_partitions is None:
            jframe = self._jsource.getDynamicFrame()
        else:
            min_partitions = min_partitions if min_partitions is not None else target_partitions
            target_partitions = target_partitions if target_partitions is not None else min_partitions
            jframe = self._jsource.getDynamicFrame(int(min_partitions), int(target_partitions))
        return DynamicFrame(jframe.withName(self.name), self._sql_ctx, self.name)

    @jvm_errors
    def getSampleFrame(self, num, **options):
        if isinstance(num, bool) or not isinstance(num, int):
            raise TypeError("num must be int, got {}".format(type(num).__name__))
        jframe = self._jsource.getSampleDynamicFrame(num, options_json(options, "sample_options"))
        return DynamicFrame(jframe.withName(self.name), self._sql_ctx, self.name)

    @jvm_errors
    def getDataFrame(self, **options):
        from pyspark.sql import DataFrame
        return DataFrame(self._jsource.getDataFrame(), self._sql_ctx.spark_session)
