#!/usr/bin/env python3
"""Notebook latency under the official Glue kernel (issue 10, item 5), with GetStatement's hold on and off.

(a) trivial cells: `1+1` cells in a notebook run by the unmodified `aws-glue-sessions` kernel through nbclient,
    each timed from the kernel going busy to its execute_reply (nbclient's recorded timings); p50/p95.
(b) first cell: from starting a fresh notebook (kernel start) to the first code cell's reply, which includes
    session creation and the driver's start; p50 over the fresh notebooks.
(c) boto3: RunStatement -> AVAILABLE for `1+1` seen by a boto3 loop that polls GetStatement every second (the
    usual client loop), for a session created with RequestOrigin GluePySparkKernel (held when the hold is on)
    and one without (never held by default); and how long one GetStatement on a RUNNING statement takes.

"hold on" is the default configuration; "hold off" is `epoxy.session.statement-wait-origins=` (empty).
The kernel runs with its own HOME, set up by `./epoxy jupyter` (python -m epoxy_jupyter), and a dead proxy for
anything that would leave the machine (the kernel's version check on pypi.org).

    python benchmarks/kernel_latency.py                 # 5 fresh notebooks of 1 + 4 cells, 20 cells with the hold off
    python benchmarks/kernel_latency.py --notebooks 1 --cells 2 --polls 2
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.e2e.epoxy_server import ROLE, EpoxyServer  # noqa: E402
from tests.e2e.sessions import TERMINAL_STATEMENT_STATES, create_session, wait_ready  # noqa: E402
from machine import machine  # noqa: E402

KERNEL = "glue_pyspark_epoxy"
MAGICS = f"%iam_role {ROLE}\n%idle_timeout 30\n%glue_version 5.0\n%worker_type G.1X\n%number_of_workers 2"
HOLD_OFF = {"epoxy.session.statement-wait-origins": ""}
_CLEARED_PREFIXES = ("AWS_", "JUPYTER", "XDG_", "IPYTHON", "glue_", "GLUE_")
_CLEARED = {"request_origin", "region", "session_id", "userid", "http_proxy", "https_proxy", "all_proxy", "no_proxy"}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def summary(values: list[float], digits: int = 3) -> dict:
    return {"n": len(values), "p50": round(percentile(values, 0.5), digits), "p95": round(percentile(values, 0.95), digits),
            "min": round(min(values), digits), "max": round(max(values), digits)}


@contextmanager
def kernel_environment(server: EpoxyServer):
    """A HOME of its own with the Epoxy kernelspec and profile; os.environ is restored afterwards."""
    saved = dict(os.environ)
    home = Path(tempfile.mkdtemp(prefix="epoxy-kernel-bench-"))
    try:
        for name in list(os.environ):
            if name.startswith(_CLEARED_PREFIXES) or name.lower() in _CLEARED:
                del os.environ[name]
        os.environ["HOME"] = str(home)
        # Port 9 (discard) refuses at once: the kernel's pypi.org version check fails fast instead of leaving the machine.
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
            os.environ[name] = "http://127.0.0.1:9"
        os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
        result = subprocess.run([sys.executable, "-m", "epoxy_jupyter", "--port", str(server.port), "--s3-port", str(server.s3_port)],
                                capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO / "python")})
        if result.returncode != 0:
            raise RuntimeError(f"./epoxy jupyter failed:\n{result.stdout}\n{result.stderr}")
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end.replace("Z", "+00:00")) - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()


def run_notebook(trivial_cells: int) -> tuple[float, list[float]]:
    """One fresh notebook: magics, a first `1+1` cell, then trivial `1+1` cells. Returns (first cell s, trivial cells s)."""
    import nbformat
    from nbclient import NotebookClient

    sources = [MAGICS, "1+1"] + ["1+1"] * trivial_cells
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    started = datetime.now(timezone.utc)
    NotebookClient(notebook, kernel_name=KERNEL, timeout=600, startup_timeout=120, allow_errors=True, record_timing=True).execute()
    texts = ["".join(output.get("text", "") + output.get("data", {}).get("text/plain", "") for output in cell.outputs)
             for cell in notebook.cells]
    for index in range(1, len(sources)):
        if "2" not in texts[index].split():
            raise RuntimeError(f"cell {index} did not print 2: {texts[index]!r}")
    first = _seconds(started.isoformat(), notebook.cells[1].metadata.execution["shell.execute_reply"])
    trivial = [_seconds(cell.metadata.execution["iopub.status.busy"], cell.metadata.execution["shell.execute_reply"])
               for cell in notebook.cells[2:]]
    return first, trivial


def notebooks(server: EpoxyServer, count: int, trivial_cells: int) -> dict:
    firsts, trivial = [], []
    with kernel_environment(server):
        for _ in range(count):
            first, cells = run_notebook(trivial_cells)
            firsts.append(first)
            trivial.extend(cells)
    return {"first_cell_s": summary(firsts, 2), "trivial_cell_s": summary(trivial)}


def boto3_polling(server: EpoxyServer, polls: int, request_origin: str | None) -> dict:
    glue = server.glue()
    session_id = create_session(glue, **({"RequestOrigin": request_origin} if request_origin else {}))
    try:
        wait_ready(glue, session_id)
        latencies, calls = [], []
        for _ in range(polls):
            started = time.monotonic()
            statement_id = glue.run_statement(SessionId=session_id, Code="1+1")["Id"]
            while True:
                statement = glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"]
                if statement["State"] in TERMINAL_STATEMENT_STATES:
                    break
                time.sleep(1)
            latencies.append(time.monotonic() - started)
            assert statement["Output"]["Data"]["TextPlain"] == "2", statement
        # One GetStatement on a statement that runs for longer than any hold: what a polling client waits per call.
        statement_id = glue.run_statement(SessionId=session_id, Code="import time\ntime.sleep(3600)")["Id"]
        for _ in range(min(polls, 3)):
            started = time.monotonic()
            glue.get_statement(SessionId=session_id, Id=statement_id)
            calls.append(time.monotonic() - started)
        glue.cancel_statement(SessionId=session_id, Id=statement_id)
        return {"run_to_available_s": summary(latencies), "get_statement_on_running_s": summary(calls)}
    finally:
        glue.delete_session(Id=session_id)


def measure(extra_config: dict[str, str], notebook_count: int, trivial_cells: int, polls: int) -> dict:
    server = EpoxyServer(extra_config=extra_config).start()
    try:
        result = notebooks(server, notebook_count, trivial_cells)
        result["boto3_kernel_origin"] = boto3_polling(server, polls, "GluePySparkKernel")
        result["boto3_no_origin"] = boto3_polling(server, polls, None)
        return result
    finally:
        server.stop()


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=int, default=5, help="fresh notebooks with the hold on (first-cell p50 over these)")
    parser.add_argument("--cells", type=int, default=4, help="trivial cells after the first in each hold-on notebook")
    parser.add_argument("--cells-off", type=int, default=20, help="trivial cells in the one hold-off notebook")
    parser.add_argument("--polls", type=int, default=10, help="boto3 RunStatement -> AVAILABLE measurements per session")
    args = parser.parse_args(argv)
    return {
        "hold_on": measure({}, args.notebooks, args.cells, args.polls),
        "hold_off": measure(HOLD_OFF, 1, args.cells_off, args.polls),
    }


if __name__ == "__main__":
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "python benchmarks/kernel_latency.py " + " ".join(sys.argv[1:]), "kernel_latency": main()}
    print(json.dumps(report, indent=2))
