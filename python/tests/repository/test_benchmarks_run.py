"""Every benchmark runs once in its --smoke configuration, so a broken benchmark fails CI instead of rotting."""
import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
RUNNER = REPO / "benchmarks" / "run.py"


def benchmark_names() -> list[str]:
    # Read from the runner's own BENCHMARKS table (without importing it), so a new benchmark is covered here at once.
    tree = ast.parse(RUNNER.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "BENCHMARKS" for target in node.targets):
            return [key.value for key in node.value.keys]
    raise AssertionError("benchmarks/run.py has no BENCHMARKS table")


def test_every_benchmark_runs_in_its_smoke_configuration(tmp_path):
    names = benchmark_names()
    assert {"sessions", "pipeline", "inference", "representation"} <= set(names)
    report_path = tmp_path / "report.json"

    result = subprocess.run([sys.executable, str(RUNNER), "--smoke", "--report", str(report_path), *names],
                            cwd=REPO, capture_output=True, text=True, timeout=1800)

    assert result.returncode == 0, f"benchmarks failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    report = json.loads(report_path.read_text())
    assert set(names) <= set(report), report.keys()
    assert report["sessions"]["statement_overhead_ms"]["n"] == 3
    assert report["sessions"]["cold_start_s"]["n"] == 1
