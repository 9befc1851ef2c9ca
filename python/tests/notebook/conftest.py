"""A fresh HOME per test (its own ~/.aws and Jupyter directories), a recording proxy standing in for the internet,
and one Epoxy server for the module."""
from __future__ import annotations

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..e2e.epoxy_server import EpoxyServer

_PYTHON_ROOT = Path(__file__).resolve().parents[2]
if str(_PYTHON_ROOT) not in sys.path:
    sys.path.insert(0, str(_PYTHON_ROOT))

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


@pytest.fixture(scope="module")
def server():
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


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
