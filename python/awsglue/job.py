"""``awsglue.job.Job``: job lifecycle. Until job bookmarks arrive, init and commit keep no state."""

from typing import Any, Dict, Optional

from pyspark.sql import SparkSession


class Job(object):
    """``Job(glue_context_or_spark_session)``."""

    def __init__(self, glue_context_or_spark_session):
        # Imported here: awsglue.context imports pyspark machinery scripts may not need.
        from awsglue.context import GlueContext

        if not isinstance(glue_context_or_spark_session, (GlueContext, SparkSession)):
            raise Exception("cannot init Job instance given input parameter type: {}".format(
                type(glue_context_or_spark_session)))
        self._context = glue_context_or_spark_session
        self._job_name: Optional[str] = None
        self._args: Dict[str, Any] = {}
        self._initialized = False

    @classmethod
    def continuation_options(cls):
        return ["--continuation-option", "continuation-enabled", "continuation-readonly", "continuation-ignore"]

    @classmethod
    def job_bookmark_options(cls):
        return ["--job-bookmark-option", "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"]

    @classmethod
    def job_bookmark_range_options(cls):
        return ["--job-bookmark-from", "--job-bookmark-to"]

    @classmethod
    def id_params(cls):
        return ["--JOB_NAME", "--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION"]

    @classmethod
    def encryption_type_options(cls):
        return ["--encryption-type", "sse-s3"]

    @classmethod
    def data_lineage_options(cls):
        return ["--enable-data-lineage"]

    def init(self, job_name: str, args: Optional[Dict[str, Any]] = None) -> None:
        if not isinstance(job_name, str):
            raise TypeError("job_name must be str, got {}".format(type(job_name).__name__))
        if args is not None and not isinstance(args, dict):
            raise TypeError("args must be a dict, got {}".format(type(args).__name__))
        self._job_name = job_name
        self._args = dict(args or {})
        self._initialized = True

    def isInitialized(self) -> bool:
        return self._initialized

    def commit(self) -> None:
        # Job bookmarks arrive with the jobs issue; until then there is no state to persist.
        pass
