"""``awsglue.job.Job``: job lifecycle and job bookmarks, over the JVM ``dev.epoxy.glue.job.Job``.

``init`` loads the bookmark state the job-run launcher named in the Spark conf (see docs/bookmarks.md);
``commit`` saves the new state. Without those settings (a session) bookmarks are disabled."""

from typing import Any, Dict, Optional

from pyspark.sql import SparkSession

from awsglue._jvm import jvm_errors, runtime


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
        run_id = self._args.get("JOB_RUN_ID")
        _init_jvm_job(self._spark_session(), job_name, run_id if isinstance(run_id, str) else None)
        self._initialized = True

    def isInitialized(self) -> bool:
        return self._initialized

    def commit(self) -> None:
        """Saves the bookmark state of every source read with a transformation_ctx (under job-bookmark-enable)."""
        if self._initialized:
            _commit_jvm_job(self._spark_session())

    def _spark_session(self) -> SparkSession:
        if isinstance(self._context, SparkSession):
            return self._context
        return self._context.spark_session


@jvm_errors
def _init_jvm_job(spark: SparkSession, job_name: str, run_id: Optional[str]) -> None:
    runtime(spark.sparkContext).job.Job.init(spark._jsparkSession, job_name, run_id)


@jvm_errors
def _commit_jvm_job(spark: SparkSession) -> None:
    runtime(spark.sparkContext).job.Job.commit()
