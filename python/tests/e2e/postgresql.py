"""A throw-away PostgreSQL server from Debian's postgresql package, for running the suite on the production store.

The Python twin of epoxy-testing's TestingPostgreSqlServer: a fresh cluster in a temporary directory, on a free
loopback port, with one database owned by one password-authenticated user. PostgreSQL refuses to run as root, so
as root its binaries run as the postgres OS user through runuser.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from .epoxy_server import free_port

DEBIAN_POSTGRESQL = Path("/usr/lib/postgresql")
ADMIN_USER = "epoxy_admin"
USER = "epoxy"
DATABASE = "epoxy"
COMMAND_TIMEOUT = 60


def bin_directory() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None when Debian's postgresql package is missing."""
    if not DEBIAN_POSTGRESQL.is_dir():
        return None
    versions = sorted((path for path in DEBIAN_POSTGRESQL.iterdir() if (path / "bin" / "initdb").exists()),
                      key=lambda path: int(path.name) if path.name.isdigit() else 0)
    return versions[-1] / "bin" if versions else None


class PostgreSqlServer:
    def __init__(self):
        self.bin = bin_directory()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is required: apt-get install postgresql (.ci/run installs it)")
        self.as_postgres = os.geteuid() == 0
        self.directory = Path(tempfile.mkdtemp(prefix="epoxy-postgresql-"))
        self.data = self.directory / "data"
        self.password = secrets.token_hex(16)
        self.port = None

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:postgresql://127.0.0.1:{self.port}/{DATABASE}"

    def store_config(self) -> dict[str, str]:
        """The Epoxy settings that put the server's store in this database."""
        return {"epoxy.store.jdbc-url": self.jdbc_url, "epoxy.store.user": USER, "epoxy.store.password": self.password}

    def start(self) -> "PostgreSqlServer":
        try:
            if self.as_postgres:
                self._run(["chown", "postgres:postgres", str(self.directory)], as_postgres=False)
            self._run([str(self.bin / "initdb"), f"--pgdata={self.data}", f"--username={ADMIN_USER}", "--encoding=UTF8",
                       "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
            self._start_on_free_port()
            self._psql(f"CREATE ROLE {USER} LOGIN PASSWORD '{self.password}'")
            self._psql(f"CREATE DATABASE {DATABASE} OWNER {USER} ENCODING 'UTF8'")
            return self
        except Exception:
            self.stop()
            raise

    def stop(self):
        try:
            if (self.data / "postmaster.pid").exists():
                self._run([str(self.bin / "pg_ctl"), f"--pgdata={self.data}", "--mode=immediate", "--wait",
                           f"--timeout={COMMAND_TIMEOUT}", "stop"], check=False)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def sql(self, sql: str, database: str = DATABASE) -> str:
        """Runs sql as the admin user in `database`; returns its unaligned, tuples-only output."""
        return self._run([str(self.bin / "psql"), f"--host={self.directory}", f"--port={self.port}", f"--username={ADMIN_USER}",
                          f"--dbname={database}", "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--tuples-only", "--no-align",
                          f"--command={sql}"]).stdout

    def enable_ssl(self, certificate: Path, key: Path):
        """Serves TLS with this certificate and key, and refuses every TCP login that is not over TLS (hostssl/hostnossl)."""
        for source, name in ((certificate, "server.crt"), (key, "server.key")):
            target = self.data / name
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
            if self.as_postgres:
                self._run(["chown", "postgres:postgres", str(target)], as_postgres=False)
        hba = self.data / "pg_hba.conf"
        rules = "hostnossl all all 0.0.0.0/0 reject\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
        # Only the local (socket) lines are kept: the admin's psql uses the socket.
        kept = [line for line in hba.read_text().splitlines() if line.startswith("local")]
        hba.write_text("\n".join(kept) + "\n" + rules)
        self._psql("ALTER SYSTEM SET ssl = on")
        self._psql("SELECT pg_reload_conf()")

    def start_statement_log(self):
        """Logs every statement from now on (log_statement = all); logged_statements reads what came after this call."""
        self._psql("ALTER SYSTEM SET log_statement = 'all'")
        self._psql("SELECT pg_reload_conf()")
        self._log_offset = self._log_file().stat().st_size

    def logged_statements(self, containing: str) -> list[str]:
        """The statements logged since start_statement_log that contain `containing` (case-insensitive), one per entry."""
        with open(self._log_file(), "rb") as log:
            log.seek(getattr(self, "_log_offset", 0))
            text = log.read().decode("utf-8", "replace")
        entries, current = [], None
        for line in text.splitlines():
            if line.startswith("\t") and current is not None:
                current += " " + line.strip()
                continue
            if current is not None:
                entries.append(current)
            current = None
            for marker in ("LOG:  statement: ", "LOG:  execute "):
                if marker in line:
                    current = line.split(marker, 1)[1]
                    if marker == "LOG:  execute ":
                        current = current.split(": ", 1)[1] if ": " in current else current
        if current is not None:
            entries.append(current)
        return [entry for entry in entries if containing.lower() in entry.lower()]

    def _log_file(self) -> Path:
        return self.directory / "postgresql.log"

    def _start_on_free_port(self):
        log = self.directory / "postgresql.log"
        for _ in range(3):
            port = free_port()
            options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={self.directory} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=60")
            result = self._run([str(self.bin / "pg_ctl"), f"--pgdata={self.data}", f"--log={log}", f"--options={options}",
                                "--wait", f"--timeout={COMMAND_TIMEOUT}", "start"], check=False)
            if result.returncode == 0:
                self.port = port
                return
        raise RuntimeError(f"PostgreSQL did not start; its log says:\n{log.read_text() if log.exists() else '(no log)'}")

    def _psql(self, sql: str):
        self._run([str(self.bin / "psql"), f"--host={self.directory}", f"--port={self.port}", f"--username={ADMIN_USER}",
                   "--dbname=postgres", "--no-psqlrc", "--set=ON_ERROR_STOP=1", f"--command={sql}"])

    def _run(self, command: list[str], as_postgres: bool = True, check: bool = True) -> subprocess.CompletedProcess:
        full = (["runuser", "-u", "postgres", "--"] if as_postgres and self.as_postgres else []) + command
        result = subprocess.run(full, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        if check and result.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed with {result.returncode}: {result.stdout}{result.stderr}")
        return result
