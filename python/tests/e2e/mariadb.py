"""A throw-away MariaDB server from Debian's mariadb-server package, for the JDBC end-to-end tests.

The MariaDB twin of postgresql.py: a fresh data directory in a temporary directory, a server on a free loopback
port, one database owned by one password-authenticated user, and the general query log in a table so that tests
can count the statements a read sent. MariaDB refuses to run as root, so as root it runs as the mysql OS user.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .epoxy_server import free_port

MARIADBD = Path("/usr/sbin/mariadbd")
INSTALL_DB = Path("/usr/bin/mariadb-install-db")
CLIENT = Path("/usr/bin/mariadb")
USER = "epoxy"
DATABASE = "epoxy"
COMMAND_TIMEOUT = 60


class MariaDbServer:
    def __init__(self):
        if not (MARIADBD.exists() and INSTALL_DB.exists() and CLIENT.exists()):
            raise RuntimeError("MariaDB is required: apt-get install mariadb-server (.ci/run installs it)")
        self.as_mysql = os.geteuid() == 0
        self.directory = Path(tempfile.mkdtemp(prefix="epoxy-mariadb-"))
        self.data = self.directory / "data"
        self.socket = self.directory / "mariadb.sock"
        self.log = self.directory / "mariadb.log"
        self.password = secrets.token_hex(16)
        self.port = None
        self.process = None

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:mariadb://127.0.0.1:{self.port}/{DATABASE}"

    def start(self) -> "MariaDbServer":
        try:
            if self.as_mysql:
                subprocess.run(["chown", "mysql:mysql", str(self.directory)], check=True, timeout=COMMAND_TIMEOUT)
            self._run([str(INSTALL_DB), "--no-defaults", f"--datadir={self.data}", "--auth-root-authentication-method=socket",
                       "--skip-test-db", "--skip-name-resolve"] + (["--user=mysql"] if self.as_mysql else []))
            self._start_on_free_port()
            self.sql(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4",
                     f"CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{self.password}'",
                     f"GRANT ALL ON {DATABASE}.* TO '{USER}'@'127.0.0.1'",
                     "SET GLOBAL log_output = 'TABLE'")
            return self
        except Exception:
            self.stop()
            raise

    def stop(self):
        try:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=COMMAND_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=COMMAND_TIMEOUT)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def sql(self, *statements: str, database: str = "") -> str:
        """Runs statements as root over the socket; returns their tab-separated output without headers."""
        command = [str(CLIENT), "--no-defaults", f"--socket={self.socket}", "--user=root", "--batch", "--skip-column-names",
                   f"--execute={'; '.join(statements)}"] + ([database] if database else [])
        return self._run(command).stdout

    def start_query_log(self):
        """Clears and starts the general query log (kept in mysql.general_log)."""
        self.sql("SET GLOBAL general_log = 'OFF'", "TRUNCATE TABLE mysql.general_log", "SET GLOBAL general_log = 'ON'")

    def logged_queries(self, containing: str) -> list[str]:
        """The statements logged since start_query_log that contain `containing` (case-insensitive)."""
        self.sql("SET GLOBAL general_log = 'OFF'")
        out = self.sql("SELECT REPLACE(REPLACE(CONVERT(argument USING utf8mb4), '\\n', ' '), '\\t', ' ') FROM mysql.general_log "
                       "WHERE command_type IN ('Query', 'Execute')")
        self.sql("SET GLOBAL general_log = 'ON'")
        return [line for line in out.splitlines() if containing.lower() in line.lower()]

    def _start_on_free_port(self):
        for _ in range(3):
            port = free_port()
            command = [str(MARIADBD), "--no-defaults", f"--datadir={self.data}", f"--port={port}", "--bind-address=127.0.0.1",
                       f"--socket={self.socket}", f"--pid-file={self.directory / 'mariadb.pid'}", f"--log-error={self.log}",
                       "--skip-name-resolve", "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=0",
                       "--max-connections=100"] + (["--user=mysql"] if self.as_mysql else [])
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + COMMAND_TIMEOUT
            while time.monotonic() < deadline and self.process.poll() is None:
                ping = subprocess.run([str(CLIENT), "--no-defaults", f"--socket={self.socket}", "--user=root",
                                       "--execute=SELECT 1"], capture_output=True, timeout=COMMAND_TIMEOUT)
                if ping.returncode == 0:
                    self.port = port
                    return
                time.sleep(0.2)  # polling the server's socket until it answers, bounded by the deadline
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(timeout=COMMAND_TIMEOUT)
        raise RuntimeError(f"MariaDB did not start; its log says:\n{self.log.read_text() if self.log.exists() else '(no log)'}")

    def _run(self, command: list[str]) -> subprocess.CompletedProcess:
        result = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        if result.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed with {result.returncode}: {result.stdout}{result.stderr}")
        return result
