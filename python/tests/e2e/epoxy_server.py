"""Starts a real Epoxy server from the built dist, for end-to-end tests with real clients."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[3]


def dist() -> Path:
    """The built dist (epoxy-dist/target/epoxy), or EPOXY_DIST."""
    return Path(os.environ.get("EPOXY_DIST", REPO / "epoxy-dist" / "target" / "epoxy"))
REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole"
CREDENTIALS = {"aws_access_key_id": "AKIDEPOXYTEST", "aws_secret_access_key": "epoxy-test-secret"}


def aws_cli() -> str | None:
    """The AWS CLI v2 from Debian's awscli package; other `aws` on PATH (e.g. a pip CLI v1) are not it."""
    for candidate in ("/usr/bin/aws", shutil.which("aws")):
        if candidate and os.access(candidate, os.X_OK):
            version = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout
            if version.startswith("aws-cli/2."):
                return candidate
    return None


def required_aws_cli() -> str:
    cli = aws_cli()
    assert cli, "the AWS CLI v2 is required: apt-get install awscli (Debian 12 ships 2.9)"
    return cli


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, interval: float = 0.05, message: str = "condition"):
    """Polls condition() until it returns a truthy value, or fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}; last value: {last!r}")


class EpoxyServer:
    """One server process with its own home directory and ports."""

    def __init__(self, home: Path | None = None, extra_config: dict[str, str] | None = None):
        self.home = home or Path(tempfile.mkdtemp(prefix="epoxy-e2e-"))
        self.port = free_port()
        self.link_port = free_port()
        self.s3_port = free_port()
        self.extra_config = extra_config or {}
        self.process: subprocess.Popen | None = None
        self.log_path = self.home / "server.log"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def start(self) -> "EpoxyServer":
        dist_dir = dist()
        if not (dist_dir / "lib").is_dir():
            raise RuntimeError(f"Epoxy is not built: {dist_dir}/lib is missing (run mvn package or ./epoxy test)")
        config = {
            "epoxy.link.port": str(self.link_port),
            "epoxy.s3.port": str(self.s3_port),
            "epoxy.session.reaper-interval": "1s",
        }
        config.update(self.extra_config)
        command = [
            shutil.which("java") or "java", "-Xmx512m", "-XX:+UseSerialGC", "-Djdk.nio.maxCachedBufferSize=262144",
            "-cp", f"{dist_dir}/lib/*", "dev.epoxy.server.EpoxyServerMain",
            "--port", str(self.port), "--home", str(self.home),
            "--config", f"epoxy.dist-dir={dist_dir}",
        ]
        for key, value in config.items():
            command += ["--config", f"{key}={value}"]
        env = dict(os.environ)
        env.pop("EPOXY_DIST", None)  # the harness's own variable, not a server setting
        env.setdefault("EPOXY_SESSION_PYTHON", sys.executable)
        self.home.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        wait_until(self._answers, timeout=60, interval=0.1, message=f"Epoxy server on port {self.port} (log: {self.log_path})")
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"Epoxy server exited with {self.process.returncode}; log:\n{self.log_path.read_text()[-4000:]}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def glue(self):
        return boto3.client("glue", endpoint_url=self.endpoint, region_name=REGION,
                            config=Config(retries={"max_attempts": 1, "mode": "standard"}), **CREDENTIALS)

    def sts(self):
        return boto3.client("sts", endpoint_url=self.endpoint, region_name=REGION, **CREDENTIALS)

    def cli_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
            "AWS_DEFAULT_REGION": REGION,
            "AWS_PAGER": "",
        })
        return env
