"""A throw-away PostgreSQL server from Debian's postgresql package, for running the server on PostgreSQL.

Mirrors epoxy-testing's TestingPostgreSqlServer: a fresh cluster in a temporary directory on a free loopback
port, one password-authenticated user owning one database; as root, the binaries run as the postgres user.
"""

import getpass
import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from .epoxy_server import free_port

USER = "epoxy"
DATABASE = "epoxy"
ADMIN = "epoxy_admin"


def bin_directory() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgreSqlServer:
    def __init__(self):
        self.bin = bin_directory()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (Debian's postgresql package: /usr/lib/postgresql/<version>/bin)")
        self.as_postgres = getpass.getuser() == "root"
        self.directory = Path(tempfile.mkdtemp(prefix="epoxy-postgresql-"))
        self.data = self.directory / "data"
        self.password = secrets.token_hex(12)
        self.port = None

    def _run(self, *command: str):
        argv = list(command)
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--"] + argv
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stdout}{result.stderr}")
        return result.stdout

    def start(self) -> "PostgreSqlServer":
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), f"--pgdata={self.data}", f"--username={ADMIN}", "--encoding=UTF8", "--locale=C",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        self.port = free_port()
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.directory} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40")
        self._run(str(self.bin / "pg_ctl"), f"--pgdata={self.data}", f"--log={self.directory / 'postgresql.log'}",
                  f"--options={options}", "--wait", "--timeout=60", "start")
        self._psql(f"CREATE ROLE {USER} LOGIN PASSWORD '{self.password}'")
        self._psql(f"CREATE DATABASE {DATABASE} OWNER {USER} ENCODING 'UTF8'")
        return self

    def _psql(self, sql: str):
        self._run(str(self.bin / "psql"), "-h", str(self.directory), "-p", str(self.port), "-U", ADMIN, "-d", "postgres",
                  "-v", "ON_ERROR_STOP=1", "-c", sql)

    def server_config(self) -> dict[str, str]:
        """The Epoxy settings that put its store on this database."""
        return {
            "epoxy.store.jdbc-url": f"jdbc:postgresql://127.0.0.1:{self.port}/{DATABASE}",
            "epoxy.store.user": USER,
            "epoxy.store.password": self.password,
        }

    def stop(self):
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), f"--pgdata={self.data}", "--mode=immediate", "--wait", "--timeout=60", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
