"""from_catalog with push_down_predicate over a table with many partitions (issue 7 benchmark).

boto3 creates a table partitioned by (shard, part) with `shards * parts` partitions, one small JSON file
each, registered with BatchCreatePartition; a session then reads it with
`push_down_predicate="shard == '07'"` (1 % of the partitions when there are 100 shards) and counts the
rows. Measured in the driver, per round: the time from the from_catalog call to the submission of the
first Spark job of the count (the catalog look-ups, partition pruning and file listing all happen
before it), and the whole count. Medians over the rounds; the first round is reported separately
(cold caches, first codegen).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from tests.e2e.epoxy_server import EpoxyServer
from tests.e2e.sessions import create_session, run_ok, wait_ready

JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"

MEASURE = """
import time as _time
_jvm = sc._jvm
_start = _jvm.java.lang.System.currentTimeMillis()
_frame = glueContext.create_dynamic_frame.from_catalog(database="bench_db", table_name="events",
                                                      push_down_predicate="shard == '07'")
sc.setJobGroup("catalog-bench-{round}", "catalog benchmark round {round}")
_count = _frame.count()
_end = _jvm.java.lang.System.currentTimeMillis()
_tracker = sc._jsc.sc().statusTracker()
_jobs = sorted(_tracker.getJobIdsForGroup("catalog-bench-{round}"))
_first_stage = min(_tracker.getJobInfo(_jobs[0]).get().stageIds())
_submitted = _tracker.getStageInfo(_first_stage).get().submissionTime()
print(json.dumps({{"count": _count, "to_first_job_ms": _submitted - _start, "total_ms": _end - _start}}))
"""


def create_events_table(glue, server, shards: int, parts: int) -> float:
    """bench_db.events, partitioned by (shard, part), one JSON file per partition; returns the set-up seconds."""
    glue.create_database(DatabaseInput={"Name": "bench_db"})
    glue.create_table(DatabaseName="bench_db", TableInput={
        "Name": "events", "TableType": "EXTERNAL_TABLE", "Parameters": {"classification": "json"},
        "PartitionKeys": [{"Name": "shard", "Type": "string"}, {"Name": "part", "Type": "string"}],
        "StorageDescriptor": {"Location": "s3://bench/events/", "Columns": [{"Name": "id", "Type": "bigint"}],
                              "SerdeInfo": {"SerializationLibrary": JSON_SERDE}},
    })
    root = server.home / "s3" / "bench" / "events"
    inputs = []
    started = time.monotonic()
    for shard in range(shards):
        for part in range(parts):
            relative = f"shard={shard:02d}/part={part:03d}"
            (root / relative).mkdir(parents=True, exist_ok=True)
            (root / relative / "data.json").write_text(json.dumps({"id": shard * parts + part}) + "\n")
            inputs.append({"Values": [f"{shard:02d}", f"{part:03d}"],
                           "StorageDescriptor": {"Location": f"s3://bench/events/{relative}/",
                                                 "SerdeInfo": {"SerializationLibrary": JSON_SERDE}}})
    for start in range(0, len(inputs), 100):
        response = glue.batch_create_partition(DatabaseName="bench_db", TableName="events",
                                               PartitionInputList=inputs[start:start + 100])
        assert not response.get("Errors"), response["Errors"][:3]
    return time.monotonic() - started


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

        sid = create_session(glue)
        wait_ready(glue, sid)
        time.sleep(args.pause_after_ready)  # a user's pause, not synchronisation: nothing waits on it
        run_ok(glue, sid, "import json\nfrom awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n"
                          "sc = SparkContext.getOrCreate()\nglueContext = GlueContext(sc)")
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
        "count_total_ms_p50": statistics.median(r["total_ms"] for r in later),
        "rounds": rounds,
    }
