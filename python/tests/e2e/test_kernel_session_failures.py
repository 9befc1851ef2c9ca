"""Failures the user can read in the notebook, and recovery without a kernel restart (issue 10, item 6).

The unmodified official kernel (aws-glue-sessions 1.0.9), driven headlessly with nbclient through the kernelspec
`./epoxy jupyter` installs. What the kernel does, from its source (BaseKernel.do_execute and create_session):
- an error from CreateSession is printed verbatim ("Exception encountered while creating session: ..."), the kernel
  keeps no session id, and the next code cell sends CreateSession again with the same Id;
- a session that reaches FAILED while the kernel waits is reported only as "Session failed to reach READY instead
  reaching terminal state FAILED" (the kernel never prints ErrorMessage); the kernel keeps its id, advises
  %stop_session, and every later code cell sends CreateSession with the same Id again;
- %stop_session resets the kernel (a new Id for the next session) only if StopSession succeeds.
"""
from __future__ import annotations

from .test_official_kernel import MAGICS, home, run_notebook, session_id_in, setup_epoxy_kernel, trap  # noqa: F401
from .sessions import wait_for_status

CONFIGURE = '%%configure\n{{"--conf": "{conf}"}}'
CODE = "print(1 + 1)"


def test_bad_spark_conf_is_refused_in_the_cell_and_the_next_cell_runs_after_fixing_it(server, home, trap):
    setup_epoxy_kernel(server)

    outputs = run_notebook("glue_pyspark_epoxy", MAGICS,
                           CONFIGURE.format(conf="spark.driver.memory=lots"), CODE,
                           CONFIGURE.format(conf="spark.driver.memory=1g"), CODE)

    assert ("Exception encountered while creating session: An error occurred (InvalidInputException) when calling the "
            "CreateSession operation: Invalid --conf spark.driver.memory=lots in DefaultArguments: expected a size such as "
            "512m or 2g") in outputs[2], outputs[2]
    assert outputs[4].strip().splitlines()[-1] == "2", outputs[4]
    # The refused request left nothing behind: the second cell's session has the same Id, sent again by the kernel.
    assert session_id_in(outputs[4]) == session_id_in(outputs[2])


def test_session_that_fails_after_creation_shows_why_and_stop_session_lets_the_next_cell_start_a_new_one(server, home, trap):
    setup_epoxy_kernel(server)

    outputs = run_notebook("glue_pyspark_epoxy", MAGICS,
                           CONFIGURE.format(conf="spark.serializer=com.example.MissingSerializer"), CODE,
                           CODE,
                           "%stop_session",
                           CONFIGURE.format(conf="spark.sql.shuffle.partitions=4"), CODE)

    failed_id = session_id_in(outputs[2])
    assert "Session failed to reach READY instead reaching terminal state FAILED." in outputs[2], outputs[2]
    failed = server.glue().get_session(Id=failed_id)["Session"]
    assert failed["Status"] == "FAILED"
    assert "com.example.MissingSerializer" in failed["ErrorMessage"]
    # The next cell: the kernel sends the FAILED session's Id again, and Epoxy's answer carries the ErrorMessage.
    assert (f"AlreadyExistsException) when calling the CreateSession operation: Session already exists: {failed_id} "
            f"(it FAILED: {failed['ErrorMessage']}). Stop or delete it to use its id again; in the Glue kernel, run "
            "%stop_session") in outputs[3], outputs[3]
    # StopSession on the FAILED session succeeds, so the kernel resets; the FAILED session stays FAILED.
    assert "Stopped session." in outputs[4], outputs[4]
    assert server.glue().get_session(Id=failed_id)["Session"]["Status"] == "FAILED"
    assert outputs[6].strip().splitlines()[-1] == "2", outputs[6]
    new_id = session_id_in(outputs[6])
    assert new_id != failed_id
    assert wait_for_status(server.glue(), new_id, {"STOPPED", "FAILED"}, timeout=60)["Status"] == "STOPPED"
