"""A plain local PySpark with the epoxy-runtime jar (built by Maven) on the driver classpath."""

import glob
import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))


def _runtime_jars():
    jars = sorted(glob.glob(os.path.join(ROOT, "epoxy-runtime", "target", "epoxy-runtime-*.jar")))
    jars = [jar for jar in jars if not jar.endswith(("-sources.jar", "-tests.jar"))]
    if not jars:
        pytest.exit("epoxy-runtime jar not found: run `mvn -B -o -q -pl epoxy-runtime -am package -DskipTests` first")
    # Spark's avro source is not in pyspark, nor are the catalog relations and their Glue API client: the
    # dist carries them for session drivers.
    driver = os.path.join(ROOT, "epoxy-dist", "target", "epoxy", "driver")
    avro = sorted(glob.glob(os.path.join(driver, "spark-avro_*.jar")))
    if not avro:
        pytest.exit("spark-avro jar not found in epoxy-dist/target/epoxy/driver: run `mvn -B -o -q -DskipTests package` first")
    catalog = [jar for jar in sorted(glob.glob(os.path.join(driver, "*.jar")))
               if not os.path.basename(jar).startswith(("epoxy-runtime-", "epoxy-driver", "spark-avro_"))]
    return jars[:1] + avro[:1] + catalog


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    if os.environ.get("EPOXY_RUNTIME_TESTS_IN_SESSION"):
        # Run by tests/e2e/test_runtime_in_session.py inside an Epoxy session: use the session's
        # own Spark, which already has the runtime on its classpath, and never stop it.
        yield SparkSession.builder.getOrCreate()
        return
    classpath = os.pathsep.join(_runtime_jars())
    session = (SparkSession.builder.master("local[2]").appName("awsglue-runtime-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.extraClassPath", classpath)
               .getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="session")
def glue_context(spark):
    from awsglue.context import GlueContext

    return GlueContext(spark.sparkContext)
