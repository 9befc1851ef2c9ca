"""GlueVersion 2.0-5.1 start sessions on Epoxy's one Spark; the first output says so when AWS would run another Spark."""
import uuid

import pytest

from .sessions import create_session, run_ok, wait_ready

# AWS's "AWS Glue versions" page: the Spark each version runs. Epoxy runs Spark 3.5.6, as Glue 5.1 does.
SPARK_ON_AWS = {"2.0": "2.4.3", "3.0": "3.1.1", "4.0": "3.3.0", "5.0": "3.5.4", "5.1": "3.5.6"}


def test_a_glue_4_session_notes_its_spark_once_and_runs_on_epoxys(glue):
    session = create_session(glue, GlueVersion="4.0")
    try:
        wait_ready(glue, session)
        assert glue.get_session(Id=session)["Session"]["GlueVersion"] == "4.0"
        first = run_ok(glue, session, "print(spark.version)")
        assert first.splitlines() == [f"Note: Glue 4.0 runs Spark {SPARK_ON_AWS['4.0']} on AWS; this Epoxy session runs Spark "
                                      f"{SPARK_ON_AWS['5.1']} (Glue 5.1's runtime).", SPARK_ON_AWS["5.1"]]
        # Only the first output.
        assert run_ok(glue, session, "print(spark.version)") == SPARK_ON_AWS["5.1"]
        assert glue.list_statements(SessionId=session)["Statements"][0]["Output"]["Data"]["TextPlain"] == first
    finally:
        glue.stop_session(Id=session)


@pytest.mark.parametrize("version", ["1.0", "6.0", "auto"])
def test_versions_epoxy_cannot_run_are_refused_at_create_session(glue, version):
    session = f"bad-version-{uuid.uuid4().hex[:8]}"
    with pytest.raises(glue.exceptions.InvalidInputException) as refused:
        create_session(glue, session, GlueVersion=version)
    assert f"Invalid GlueVersion: {version}" in str(refused.value)
    assert session not in glue.list_sessions()["Ids"]
