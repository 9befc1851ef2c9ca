"""``python epoxy_jobrun/__main__.py SCRIPT [--KEY VALUE ...]`` (what spark-submit and the server run)."""

import os
import sys

if __name__ == "__main__":
    # Run as a file (spark-submit takes a .py file): make the package importable from its parent.
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    from epoxy_jobrun.runner import run

    code = run(sys.argv[1:])
    # A script that started Spark without stopping it: stop it here, as Glue does at the end of a run.
    pyspark = sys.modules.get("pyspark")
    if pyspark is not None and pyspark.SparkContext._active_spark_context is not None:
        pyspark.SparkContext._active_spark_context.stop()
    sys.exit(code)
