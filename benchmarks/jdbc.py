"""JDBC reads and writes through a Glue connection against a real PostgreSQL (issue 9 benchmark).

Reads: a table of `--rows` rows (id, amount numeric(12,2), name text, created timestamp) read in a session with
`from_options(connection_type="postgresql", useConnectionProperties + connectionName, hashfield=id,
hashpartitions=N)` for N in `--partitions`, against plain Spark JDBC in the same session with the same number of
partitions (Spark's own range partitioning on id). Each read is materialised whole (`write.format("noop")`), timed
in the driver; the median of `--rounds` rounds per variant gives rows/s and the ratio Glue / plain.

Writes: `--write-rows` rows generated in Spark, written with `write_dynamic_frame.from_jdbc_conf` into a new table,
with the default `bulkSize` and with `--tuned-bulk-size`, against plain Spark JDBC with as many partitions.
"""
from __future__ import annotations

import argparse
import json
import statistics

from tests.e2e.epoxy_server import EpoxyServer
from tests.e2e.postgresql import PostgreSqlServer
from tests.e2e.sessions import create_session, run_ok, wait_ready

SETUP = """
import json, time
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from pyspark.context import SparkContext
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session

def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started

def glue_read(partitions):
    frame = glueContext.create_dynamic_frame.from_options(connection_type="postgresql", connection_options={
        "useConnectionProperties": True, "connectionName": "bench-pg", "dbtable": "public.bench_rows",
        "hashfield": "id", "hashpartitions": partitions})
    frame.toDF().write.format("noop").mode("overwrite").save()

def plain_read(partitions):
    reader = spark.read.format("jdbc").options(url=URL, user="epoxy", password=PASSWORD, dbtable="public.bench_rows",
                                              driver="org.postgresql.Driver")
    if partitions > 1:
        reader = reader.options(partitionColumn="id", lowerBound="1", upperBound=str(ROWS), numPartitions=str(partitions))
    reader.load().write.format("noop").mode("overwrite").save()

def generated(rows, partitions):
    return spark.range(1, rows + 1, numPartitions=partitions).selectExpr(
        "id", "cast(id % 100000 / 100 as decimal(12,2)) amount", "concat('row ', id) name",
        "timestamp_seconds(1700000000 + id) created")

def glue_write(table, rows, bulk_size):
    options = {"dbtable": table, "database": "epoxy"}
    if bulk_size:
        options["bulkSize"] = str(bulk_size)
    glueContext.write_dynamic_frame.from_jdbc_conf(frame=DynamicFrame.fromDF(generated(rows, 1), glueContext, "rows"),
        catalog_connection="bench-pg", connection_options=options)

def plain_write(table, rows, partitions):
    generated(rows, 1).repartition(partitions).write.format("jdbc").options(url=URL, user="epoxy", password=PASSWORD,
        dbtable=table, driver="org.postgresql.Driver").mode("append").save()
"""


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--partitions", default="1,2,4")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write-rows", type=int, default=1_000_000)
    parser.add_argument("--tuned-bulk-size", type=int, default=4)
    args = parser.parse_args(argv)
    database = PostgreSqlServer().start()
    server = EpoxyServer().start()
    try:
        database.sql("CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, amount NUMERIC(12,2), name TEXT, created TIMESTAMP)")
        database.sql(f"INSERT INTO bench_rows SELECT g, (g % 100000) / 100.0, 'row ' || g, "
                     f"TIMESTAMP '2023-11-14 22:13:20' + g * INTERVAL '1 second' FROM generate_series(1, {args.rows}) g")
        database.sql("ALTER TABLE bench_rows OWNER TO epoxy")
        database.sql("VACUUM ANALYZE bench_rows")
        glue = server.glue()
        glue.create_connection(ConnectionInput={"Name": "bench-pg", "ConnectionType": "JDBC", "ConnectionProperties": {
            "JDBC_CONNECTION_URL": database.jdbc_url, "USERNAME": "epoxy", "PASSWORD": database.password}})
        sid = create_session(glue, Connections={"Connections": ["bench-pg"]})
        wait_ready(glue, sid)
        run_ok(glue, sid, f"URL = {database.jdbc_url!r}\nPASSWORD = {database.password!r}\nROWS = {args.rows}\n" + SETUP)
        reads = []
        for partitions in [int(value) for value in args.partitions.split(",")]:
            times = {"glue": [], "plain": []}
            # A warm-up of each variant first: the first read of a session pays class loading and the first connection.
            run_ok(glue, sid, f"glue_read({partitions}); plain_read({partitions})", timeout=900)
            for _ in range(args.rounds):
                result = json.loads(run_ok(glue, sid, f"print(json.dumps([timed(lambda: glue_read({partitions})), "
                                                      f"timed(lambda: plain_read({partitions}))]))", timeout=900))
                times["glue"].append(result[0])
                times["plain"].append(result[1])
            glue_s, plain_s = statistics.median(times["glue"]), statistics.median(times["plain"])
            reads.append({"hashpartitions": partitions, "glue_s": round(glue_s, 2), "plain_spark_s": round(plain_s, 2),
                          "glue_rows_per_s": round(args.rows / glue_s), "plain_rows_per_s": round(args.rows / plain_s),
                          "ratio_glue_over_plain": round(glue_s / plain_s, 3), "rounds": times})
        writes = []
        for label, bulk_size in [("default bulkSize", 0), (f"bulkSize {args.tuned_bulk_size}", args.tuned_bulk_size)]:
            table = f"bench_write_{bulk_size}"
            glue_s = float(run_ok(glue, sid, f"print(timed(lambda: glue_write('{table}', {args.write_rows}, {bulk_size})))",
                                  timeout=1800))
            written = int(database.sql(f"SELECT count(*) FROM {table}").strip())
            assert written == args.write_rows, (table, written)
            plain_table = f"bench_plain_write_{bulk_size}"
            plain_s = float(run_ok(glue, sid, f"print(timed(lambda: plain_write('{plain_table}', {args.write_rows}, "
                                              f"{max(bulk_size, 1)})))", timeout=1800))
            writes.append({"variant": label, "glue_s": round(glue_s, 2), "glue_rows_per_s": round(args.write_rows / glue_s),
                           "plain_spark_s": round(plain_s, 2), "plain_rows_per_s": round(args.write_rows / plain_s)})
        glue.delete_session(Id=sid)
    finally:
        server.stop()
        database.stop()
    return {"rows": args.rows, "write_rows": args.write_rows, "reads": reads, "writes": writes}


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
