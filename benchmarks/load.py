"""Statement latency under load: an open-loop client submits `1+1` statements at a fixed rate spread
round-robin over N live sessions and times each one from RunStatement to AVAILABLE, as a client
polling GetStatement every 5 ms sees it. Open loop: submissions keep to the schedule however slow the
answers are, so queueing in the server shows up in the latency instead of slowing the load down.

Called by `benchmarks/run.py load` (rates, sessions and duration from its arguments).
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.e2e.epoxy_server import EpoxyServer
from tests.e2e.sessions import TERMINAL_STATEMENT_STATES, create_session, wait_ready


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed_statement(server: EpoxyServer, session_id: str, clients: threading.local) -> tuple[float, str]:
    # One boto3 client per worker thread: botocore clients are thread-safe but share one connection pool.
    glue = getattr(clients, "glue", None)
    if glue is None:
        glue = clients.glue = server.glue()
    started = time.monotonic()
    statement_id = glue.run_statement(SessionId=session_id, Code="1+1")["Id"]
    while True:
        statement = glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]
        if statement["State"] in TERMINAL_STATEMENT_STATES:
            break
        time.sleep(0.005)
    text = statement.get("Output", {}).get("Data", {}).get("TextPlain", "")
    return (time.monotonic() - started) * 1000, text


def _run_at_rate(server: EpoxyServer, sessions: list[str], rate: float, duration_s: float) -> dict:
    count = max(1, round(rate * duration_s))
    clients = threading.local()
    futures = []
    # Enough workers that a slow answer never delays the next submission.
    with ThreadPoolExecutor(max_workers=min(128, max(8, int(rate * 2)))) as pool:
        start = time.monotonic()
        for index in range(count):
            delay = start + index / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # pacing the open-loop schedule, not synchronisation
            futures.append(pool.submit(_timed_statement, server, sessions[index % len(sessions)], clients))
        results = [future.result() for future in futures]
        elapsed = time.monotonic() - start
    wrong = [text for _, text in results if text != "2"]
    if wrong:
        raise AssertionError(f"{len(wrong)} statements did not answer 2: {wrong[:3]}")
    latencies = [latency for latency, _ in results]
    return {"rate_per_s": rate, "statements": count, "achieved_per_s": round(count / elapsed, 1),
            "p50_ms": round(_percentile(latencies, 0.5), 1), "p99_ms": round(_percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1)}


def run(rates: list[float], session_count: int, duration_s: float) -> dict:
    server = EpoxyServer().start()
    try:
        glue = server.glue()
        sessions = [create_session(glue) for _ in range(session_count)]
        for session_id in sessions:
            wait_ready(glue, session_id)
        by_rate = [_run_at_rate(server, sessions, rate, duration_s) for rate in rates]
        for session_id in sessions:
            glue.delete_session(Id=session_id)
    finally:
        server.stop()
    return {"sessions": session_count, "duration_s_per_rate": duration_s, "by_rate": by_rate}
