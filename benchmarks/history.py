#!/usr/bin/env python3
"""Long histories (issue 6, findings 1 and 3): for sessions with N statements that each printed about
1 MiB, the server's RSS, the time to read the whole history through ListStatements (every page, one
client), the time DeleteSession takes to answer and the background purge to finish, and the database
file size filled, after the purge and after the server stops.

    python benchmarks/history.py                      # 10, 100 and 1,000 statements of 1 MiB
    python benchmarks/history.py --tiny               # seconds: 2 and 5 statements of 64 KiB
    python benchmarks/history.py --counts 10,100 --output-kib 1024
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import EpoxyServer, wait_until  # noqa: E402
from tests.e2e.sessions import create_session, run, wait_ready  # noqa: E402
from machine import machine  # noqa: E402


def proc_status_mb(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} for {pid}")


def database_mb(home: Path) -> float:
    return round(sum(path.stat().st_size for path in home.rglob("*.mv.db")) / 2**20, 1)


def fill(glue, sid: str, count: int, output_chars: int):
    code = f"print('x' * {output_chars - 1})"
    for index in range(count):
        statement = run(glue, sid, code, timeout=300)
        assert statement["State"] == "AVAILABLE", f"statement {index + 1}: {statement.get('Output')}"


def list_all(glue, sid: str) -> tuple[int, int, int]:
    """(statements, pages, bytes of the largest page) of the whole history."""
    statements, pages, largest, token = 0, 0, 0, None
    while True:
        response = glue.list_statements(SessionId=sid, **({"NextToken": token} if token else {}))
        pages += 1
        statements += len(response["Statements"])
        largest = max(largest, int(response["ResponseMetadata"]["HTTPHeaders"]["content-length"]))
        token = response.get("NextToken")
        if not token:
            return statements, pages, largest


def measure(server: EpoxyServer, count: int, output_chars: int) -> dict:
    purges_logged = server.log_path.read_text().count("Purged ")
    glue = server.glue()
    sid = create_session(glue)
    wait_ready(glue, sid)
    started = time.monotonic()
    fill(glue, sid, count, output_chars)
    fill_s = time.monotonic() - started
    pid = server.process.pid
    rss_filled = proc_status_mb(pid, "VmRSS")
    file_filled = database_mb(server.home)

    started = time.monotonic()
    listed, pages, largest = list_all(glue, sid)
    list_s = time.monotonic() - started
    assert listed == count, f"listed {listed} of {count} statements"
    rss_listed = proc_status_mb(pid, "VmRSS")

    started = time.monotonic()
    glue.delete_session(Id=sid)
    delete_s = time.monotonic() - started
    # The history is purged in the background; the server logs each completed purge.
    started = time.monotonic()
    purges_before = purges_logged
    wait_until(lambda: server.log_path.read_text().count("Purged ") > purges_before, timeout=900, interval=0.5,
               message="the server to log the purge after DeleteSession")
    purge_s = time.monotonic() - started
    return {
        "statements": count, "output_kib": round(output_chars / 1024),
        "fill_s": round(fill_s, 1),
        "list_all_pages_s": round(list_s, 3), "pages": pages, "largest_page_mb": round(largest / 2**20, 2),
        "delete_session_s": round(delete_s, 3),
        "history_purged_within_s": round(purge_s, 1),
        "server_rss_mb": {"filled": rss_filled, "after_listing": rss_listed, "peak": proc_status_mb(pid, "VmHWM")},
        "database_file_mb": {"filled": file_filled, "after_purge_while_open": database_mb(server.home)},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", default="10,100,1000", help="comma-separated statement counts, one session each")
    parser.add_argument("--output-kib", type=int, default=1024, help="output of each statement, KiB (1024: the maximum kept)")
    parser.add_argument("--tiny", action="store_true", help="2 and 5 statements of 64 KiB: a smoke run of seconds")
    args = parser.parse_args(argv)
    counts = [2, 5] if args.tiny else [int(value) for value in args.counts.split(",")]
    # Just under epoxy.session.max-output-bytes when 1 MiB is asked for, so that nothing is truncated.
    output_chars = (64 if args.tiny else args.output_kib) * 1024 - 512
    server = EpoxyServer().start()
    try:
        results = [measure(server, count, output_chars) for count in counts]
    finally:
        server.stop()
    # H2 gives the purged space back to the file system when the store closes.
    return {"sessions": results, "database_file_mb_after_stop": database_mb(server.home)}


if __name__ == "__main__":
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "python benchmarks/history.py " + " ".join(sys.argv[1:])}
    report["history"] = main(sys.argv[1:])
    print(json.dumps(report, indent=2))
