#!/usr/bin/env python3
"""Epoxy benchmarks. Run with `./epoxy bench [sessions|...]`; record results in docs/benchmarks.md.

sessions: session cold start (CreateSession -> READY), statement overhead for `1+1`
          (RunStatement -> AVAILABLE seen by a client polling every 5 ms), server RSS idle and with
          5 live sessions, driver RSS (driver JVM and its Python interpreter).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))

from tests.e2e.epoxy_server import EpoxyServer  # noqa: E402
from tests.e2e.sessions import create_session, run_ok, wait_ready  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GiB, {platform.system()} {platform.release()}"


def bench_sessions(args) -> dict:
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        time.sleep(2)  # let the freshly started JVM settle before measuring its idle footprint
        idle_rss = rss_mb(server.process.pid)

        cold_starts = []
        for _ in range(args.sessions):
            started = time.monotonic()
            sid = create_session(glue)
            wait_ready(glue, sid)
            cold_starts.append(time.monotonic() - started)
            glue.delete_session(Id=sid)

        live = []
        for _ in range(5):
            sid = create_session(glue)
            live.append(sid)
        for sid in live:
            wait_ready(glue, sid)
        busy_rss = rss_mb(server.process.pid)

        sid = live[0]
        driver_pid = int(run_ok(glue, sid, "print(sc._jvm.java.lang.ProcessHandle.current().pid())"))
        python_pid = int(run_ok(glue, sid, "import os; print(os.getpid())"))
        driver_rss, python_rss = rss_mb(driver_pid), rss_mb(python_pid)

        overheads = []
        for _ in range(args.statements):
            started = time.monotonic()
            statement_id = glue.run_statement(SessionId=sid, Code="1+1")["Id"]
            while True:
                statement = glue.get_statement(SessionId=sid, Id=statement_id)["Statement"]
                if statement["State"] in {"AVAILABLE", "ERROR", "CANCELLED"}:
                    break
                time.sleep(0.005)
            overheads.append((time.monotonic() - started) * 1000)
            assert statement["Output"]["Data"]["TextPlain"] == "2", statement
        for sid in live:
            glue.delete_session(Id=sid)
    finally:
        server.stop()
    return {
        "cold_start_s": {"n": len(cold_starts), "p50": percentile(cold_starts, 0.5), "p95": percentile(cold_starts, 0.95)},
        "statement_overhead_ms": {"n": len(overheads), "p50": percentile(overheads, 0.5), "p95": percentile(overheads, 0.95),
                                  "mean": statistics.mean(overheads)},
        "server_rss_mb": {"idle": idle_rss, "with_5_sessions": busy_rss},
        "driver_rss_mb": {"driver_jvm": driver_rss, "python_interpreter": python_rss},
    }


BENCHMARKS = {"sessions": bench_sessions}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", default=["sessions"], help=f"benchmarks to run: {', '.join(BENCHMARKS)}")
    parser.add_argument("--dist", help="the built dist directory (set by ./epoxy bench)")
    parser.add_argument("--sessions", type=int, default=7, help="cold starts to time")
    parser.add_argument("--statements", type=int, default=300, help="1+1 statements to time")
    args = parser.parse_args()
    if args.dist:
        os.environ["EPOXY_DIST"] = args.dist
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "./epoxy bench " + " ".join(args.names)}
    for name in args.names:
        report[name] = BENCHMARKS[name](args)
        print(json.dumps({name: report[name]}, indent=2), flush=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
