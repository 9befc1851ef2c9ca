"""spark.sql over a Glue table with many partitions, in a --enable-glue-datacatalog session (issue 7 benchmark).

The table is catalog.py's bench_db.events (shards * parts partitions, one small JSON file each); the
session runs `SELECT count(*) FROM bench_db.events WHERE shard = '07'` (1 % of the partitions with 100
shards). Measured in the driver, per round: the time from the spark.sql call to the submission of the
first Spark job (GetTable, GetPartitions with the pruning Expression and the listing of the selected
partitions all happen before it), and the whole query. Medians over the rounds after the first, which is
reported separately.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from catalog import create_events_table
from tests.e2e.epoxy_server import EpoxyServer
from tests.e2e.sessions import create_session, run_ok, wait_ready

MEASURE = """
import json
_jvm = sc._jvm
_start = _jvm.java.lang.System.currentTimeMillis()
sc.setJobGroup("catalog-sql-{round}", "catalog SQL benchmark round {round}")
_count = spark.sql("SELECT count(*) AS n FROM bench_db.events WHERE shard = '07'").collect()[0]["n"]
_end = _jvm.java.lang.System.currentTimeMillis()
_tracker = sc._jsc.sc().statusTracker()
_jobs = sorted(_tracker.getJobIdsForGroup("catalog-sql-{round}"))
_first_stage = min(_tracker.getJobInfo(_jobs[0]).get().stageIds())
_submitted = _tracker.getStageInfo(_first_stage).get().submissionTime()
print(json.dumps({{"count": _count, "to_first_job_ms": _submitted - _start, "total_ms": _end - _start}}))
"""


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shards", type=int, default=100)
    parser.add_argument("--parts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pause-after-ready", type=float, default=0.0,
                        help="seconds between READY and the first round, as a user writing the first cell "
                             "(the driver warms Spark up meanwhile); 0 measures the first round at once")
    args = parser.parse_args(argv)
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        setup_s = create_events_table(glue, server, args.shards, args.parts)
        sid = create_session(glue, DefaultArguments={"--enable-glue-datacatalog": "true"})
        wait_ready(glue, sid)
        time.sleep(args.pause_after_ready)  # a user's pause, not synchronisation: nothing waits on it
        expected = args.parts if args.shards > 7 else 0
        rounds = []
        for round_number in range(args.rounds):
            result = json.loads(run_ok(glue, sid, MEASURE.format(round=round_number), timeout=300))
            assert result["count"] == expected, result
            rounds.append(result)
        glue.delete_session(Id=sid)
    finally:
        server.stop()
    later = rounds[1:] or rounds
    return {
        "partitions": args.shards * args.parts,
        "selected_partitions": expected,
        "setup_s": round(setup_s, 1),
        "pause_after_ready_s": args.pause_after_ready,
        "first_round": rounds[0],
        "to_first_job_ms_p50": statistics.median(r["to_first_job_ms"] for r in later),
        "query_total_ms_p50": statistics.median(r["total_ms"] for r in later),
        "rounds": rounds,
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
