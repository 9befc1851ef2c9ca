"""The unmodified official Glue PySpark kernel (aws-glue-sessions from PyPI) against a running Epoxy, headlessly.

Finding 14 of issue 6: following the old README (%endpoint plus AWS_ENDPOINT_URL_STS) the kernel calls AWS's STS
and never reaches Epoxy. `./epoxy jupyter` is the fix: its kernelspec reaches Epoxy, and only Epoxy, whatever the
user's shell and default profile say.

Each test has its own HOME (its own ~/.aws and Jupyter directories) and a recording proxy standing in for the
internet.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from .epoxy_server import CREDENTIALS, REGION, ROLE
from .sessions import wait_for_status

REPO = Path(__file__).resolve().parents[3]
MAGICS = f"%iam_role {ROLE}\n%idle_timeout 30\n%glue_version 5.0\n%worker_type G.1X\n%number_of_workers 2"
CODE = "print(spark.range(7).count())"

# Everything in a developer's environment that could point a kernel, Jupyter or botocore somewhere else.
_CLEARED_PREFIXES = ("AWS_", "JUPYTER", "XDG_", "IPYTHON", "glue_", "GLUE_")
_CLEARED = {"request_origin", "region", "session_id", "userId", "http_proxy", "https_proxy", "all_proxy", "no_proxy"}


class Trap:
    """An HTTP proxy that refuses every request and remembers its target: where traffic meant for the internet went."""

    def __init__(self):
        self.targets: list[str] = []
        trap = self

        class Refuse(BaseHTTPRequestHandler):
            def _refuse(self):
                trap.targets.append(self.path if self.command == "CONNECT" else f"{self.command} {self.path}")
                self.send_error(403, "refused by the test's trap proxy")

            do_CONNECT = do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _refuse

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def hosts(self) -> set[str]:
        return {target.split()[-1].split("://")[-1].split("/")[0].rsplit(":", 1)[0] for target in self.targets}

    def close(self):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def trap():
    proxy = Trap()
    yield proxy
    proxy.close()


@pytest.fixture
def home(tmp_path, monkeypatch, trap) -> Path:
    """HOME is the test's own; every request not addressed to 127.0.0.1 goes to the trap instead of the internet."""
    home = tmp_path / "home"
    home.mkdir()
    for name in list(os.environ):
        if name.startswith(_CLEARED_PREFIXES) or name.lower() in _CLEARED or name in _CLEARED:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, trap.url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    return home


def setup_epoxy_kernel(server) -> str:
    """Runs what `./epoxy jupyter --port N --s3-port M` runs once the virtualenv is current; returns what it printed.

    (The script itself would first bring .venv up to date, which this test, run from that .venv, must not do.)
    """
    result = subprocess.run(
        [sys.executable, "-m", "epoxy_jupyter", "--port", str(server.port), "--s3-port", str(server.s3_port)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO / "python")})
    assert result.returncode == 0, f"./epoxy jupyter failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def run_notebook(kernel: str, *cells: str) -> list[str]:
    """Executes the cells with the installed kernelspec; returns each cell's stdout and stderr text."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    NotebookClient(notebook, kernel_name=kernel, timeout=300, startup_timeout=120, allow_errors=True).execute()
    return ["".join(output.get("text", "") for output in cell.outputs if output.get("output_type") == "stream")
            for cell in notebook.cells]


def session_id_in(output: str) -> str:
    match = re.search(r"^Session ID: (\S+)$", output, re.MULTILINE)
    assert match, f"the kernel printed no session id:\n{output}"
    return match.group(1)


def session_ids(glue) -> set[str]:
    return set(glue.list_sessions()["Ids"])


def test_old_readme_recipe_calls_aws_sts_and_never_reaches_epoxy(server, home, trap, monkeypatch):
    """Finding 14 as reported: the kernel's own kernelspec, %endpoint and AWS_ENDPOINT_URL_STS."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([str(Path(sys.executable).parent / "install-glue-kernels")], check=True, capture_output=True, timeout=120)
    assert "glue_pyspark" in KernelSpecManager().find_kernel_specs()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", server.endpoint)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    before = session_ids(server.glue())

    _, output = run_notebook("glue_pyspark", f"%endpoint {server.endpoint}\n%region {REGION}\n{MAGICS}", CODE)

    assert "sts.us-east-1.amazonaws.com" in trap.hosts(), f"trap saw {trap.targets}; kernel said:\n{output}"
    assert "Exception encountered while creating session" in output
    assert session_ids(server.glue()) == before


def test_epoxy_kernel_creates_a_session_on_epoxy_and_runs_the_cell(server, home, trap):
    printed = setup_epoxy_kernel(server)
    assert "Glue PySpark (Epoxy)" in printed and f"Epoxy answers at {server.endpoint}" in printed
    assert KernelSpecManager().get_kernel_spec("glue_pyspark_epoxy").display_name == "Glue PySpark (Epoxy)"
    spark_kernel = KernelSpecManager().get_kernel_spec("glue_spark_epoxy")
    assert (spark_kernel.display_name, spark_kernel.language) == ("Glue Spark (Epoxy)", "scala")
    assert "aws_glue_interactive_sessions_kernel.glue_spark.GlueKernel" in spark_kernel.argv
    assert spark_kernel.env == KernelSpecManager().get_kernel_spec("glue_pyspark_epoxy").env

    _, output = run_notebook("glue_pyspark_epoxy", MAGICS, CODE)

    assert "Trying to create a Glue session for the kernel." in output
    assert output.strip().splitlines()[-1] == "7", output
    session = server.glue().get_session(Id=session_id_in(output))["Session"]
    assert session_id_in(output) in session_ids(server.glue())
    # The magics arrived; the kernel stops its session when nbclient shuts it down.
    assert (session["GlueVersion"], session["NumberOfWorkers"], session["IdleTimeout"]) == ("5.0", 2, 30)
    # StopSession answers at once and the session is STOPPING until its driver has exited.
    assert session["Status"] in {"STOPPING", "STOPPED"}
    assert wait_for_status(server.glue(), session["Id"], {"STOPPED", "FAILED"}, timeout=60)["Status"] == "STOPPED"
    # Nothing left the machine but the kernel's version check on pypi.org.
    assert trap.hosts() <= {"pypi.org"}, trap.targets


def test_epoxy_kernel_ignores_the_default_profile_and_the_shell(server, home, trap, monkeypatch):
    """A user with real-looking AWS settings everywhere, AWS_PROFILE unset: every call still goes to Epoxy."""
    aws = home / ".aws"
    aws.mkdir()
    (aws / "config").write_text(
        "[default]\nregion = eu-west-1\nglue_role_arn = arn:aws:iam::999999999999:role/Real\n"
        "glue_endpoint_url = https://glue.eu-west-1.amazonaws.com\n\n[profile work]\nregion = us-west-2\n")
    (aws / "credentials").write_text(
        "[default]\naws_access_key_id = AKIAREALDEFAULTKEY00\naws_secret_access_key = real-default-secret\n")
    setup_epoxy_kernel(server)
    assert "[profile work]\nregion = us-west-2\n" in (aws / "config").read_text()
    assert "aws_access_key_id = AKIAREALDEFAULTKEY00" in (aws / "credentials").read_text()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "AKIAREALSHELLKEY0000", "AWS_SECRET_ACCESS_KEY": "real-shell-secret",
        "AWS_SESSION_TOKEN": "real-shell-token", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL_GLUE": "https://glue.eu-west-1.amazonaws.com",
        "AWS_ENDPOINT_URL_STS": "https://sts.eu-west-1.amazonaws.com", "AWS_ENDPOINT_URL": "https://eu-west-1.amazonaws.com",
        "glue_endpoint_url": "https://glue.eu-west-1.amazonaws.com", "AWS_MAX_ATTEMPTS": "1",
    }.items():
        monkeypatch.setenv(name, value)

    magics_without_role = "\n".join(line for line in MAGICS.splitlines() if not line.startswith("%iam_role"))
    _, output = run_notebook("glue_pyspark_epoxy", magics_without_role, CODE)

    assert output.strip().splitlines()[-1] == "7", output
    assert session_id_in(output) in session_ids(server.glue())
    # The default profile's glue_role_arn does not win either.
    assert server.glue().get_session(Id=session_id_in(output))["Session"]["Role"] == ROLE
    assert trap.hosts() <= {"pypi.org"}, trap.targets
