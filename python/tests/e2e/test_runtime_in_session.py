"""The awsglue runtime suite (tests/runtime), run inside a real session through RunStatement.

tests/runtime runs every transform, reader and writer on a plain local PySpark; here the very same
tests run in a session driver started through the Glue API, so the sessions path (driver classpath,
awsglue on PYTHONPATH, Python workers for map/filter, s3 settings) is exercised by all of them.
"""
import re
from pathlib import Path

from .sessions import run_ok

RUNTIME_TESTS = Path(__file__).resolve().parents[1] / "runtime"


def test_runtime_suite_passes_inside_a_session(glue, session_id):
    text = run_ok(glue, session_id, f"""
import os, pytest
os.environ["EPOXY_RUNTIME_TESTS_IN_SESSION"] = "1"
exit_code = pytest.main(["-q", "--capture=sys", "-p", "no:cacheprovider", {str(RUNTIME_TESTS)!r}])
print("PYTEST_EXIT_CODE", int(exit_code))
""", timeout=1200)
    summary = text.strip().splitlines()[-2:]
    assert "PYTEST_EXIT_CODE 0" in text, "\n".join(text.splitlines()[-60:])
    passed = re.search(r"(\d+) passed", text)
    assert passed and int(passed.group(1)) > 50, summary
    assert "failed" not in " ".join(summary)
