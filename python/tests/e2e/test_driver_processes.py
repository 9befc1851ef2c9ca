"""Issue 6, findings 7 (processes), 8 (orphans), 9 (session directories) and 10 (Spark UI), against
a real server process with real drivers."""
import hashlib
import http.client
import json
import os
import urllib.parse
from pathlib import Path

from .epoxy_server import EpoxyServer, wait_until
from .sessions import create_session, run, run_ok, wait_for_status, wait_ready


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent's wait() does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def session_directory(home: Path, session_id: str) -> Path:
    """The documented layout: sanitised id (64 characters at most), '-', 32 hex digits of SHA-256."""
    readable = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in session_id[:64])
    return home / "sessions" / f"{readable}-{hashlib.sha256(session_id.encode()).hexdigest()[:32]}"


START_PROCESSES = """
import os, subprocess, time
child = subprocess.Popen(['sleep', '1000'])
# A daemon: its shell exits at once, so it is nobody's descendant any more, only in the group.
daemon = int(subprocess.run('sleep 1000 > /dev/null 2>&1 & echo $!', shell=True, capture_output=True, text=True).stdout)
forked = os.fork()
if forked == 0:
    time.sleep(1000)
    os._exit(0)
print(child.pid, daemon, forked, os.getppid())
"""


def test_processes_a_statement_starts_die_with_its_deleted_session(server, glue):
    # Finding 7: subprocess.Popen(['sleep', '1000']) and os.fork() survived DeleteSession.
    sid = create_session(glue)
    wait_ready(glue, sid)
    pids = [int(pid) for pid in run_ok(glue, sid, START_PROCESSES).split()]
    assert all(alive(pid) for pid in pids), pids

    glue.delete_session(Id=sid)
    wait_until(lambda: not any(alive(pid) for pid in pids), timeout=60,
               message=f"the driver and what its statement started ({pids}) to be gone")


def test_drivers_of_a_killed_server_exit_once_a_new_server_has_failed_their_sessions(tmp_path):
    # Finding 8: after kill -9 of the server its drivers ran on for the link's ten-minute give-up time.
    home = tmp_path / "home"
    first = EpoxyServer(home=home).start()
    try:
        glue = first.glue()
        sessions = [create_session(glue), create_session(glue)]
        for sid in sessions:
            wait_ready(glue, sid)
        drivers = [int(run_ok(glue, sid, "import os\nprint(os.getppid())")) for sid in sessions]
        assert all(alive(pid) for pid in drivers)
    finally:
        first.process.kill()
        first.process.wait(timeout=30)
        first.stop()

    second = EpoxyServer(home=home).start()
    try:
        glue = second.glue()
        for sid in sessions:
            assert glue.get_session(Id=sid)["Session"]["Status"] == "FAILED"
        wait_until(lambda: not any(alive(pid) for pid in drivers), timeout=90,
                   message=f"the drivers {drivers} of the killed server to exit")
    finally:
        second.stop()


def test_drivers_with_an_ephemeral_link_port_exit_as_soon_as_their_server_is_killed(tmp_path):
    # Finding 8: with epoxy.link.port 0 no new server can ever reach them.
    home = tmp_path / "home"
    first = EpoxyServer(home=home, extra_config={"epoxy.link.port": "0"}).start()
    try:
        glue = first.glue()
        sid = create_session(glue)
        wait_ready(glue, sid)
        driver = int(run_ok(glue, sid, "import os\nprint(os.getppid())"))
    finally:
        first.process.kill()
        first.process.wait(timeout=30)
        first.stop()
    # No new server at all: the driver watches the server's process and its port cannot be found again.
    wait_until(lambda: not alive(driver), timeout=30, message=f"the driver {driver} of the killed server to exit")


def test_ids_that_sanitise_alike_get_their_own_directories_and_long_unicode_ids_start(server, glue):
    # Finding 9: "+?" and "*^" shared one directory; a 255-character non-ASCII id FAILED at launch.
    ids = ["+?", "*^", "ü" * 255]
    for sid in ids:
        create_session(glue, sid)
    directories = {}
    for sid in ids:
        wait_ready(glue, sid)
        directories[sid] = run_ok(glue, sid, "import os\nprint(os.getcwd())")
    assert len(set(directories.values())) == 3, directories
    for sid in ids:
        assert Path(directories[sid]) == session_directory(server.home, sid)
        assert (Path(directories[sid]) / "driver.log").is_file()
    for sid in ids:
        glue.delete_session(Id=sid)
    # Finding 9: directories were never removed.
    wait_until(lambda: not any(Path(d).exists() for d in directories.values()), timeout=60,
               message="the deleted sessions' directories to be removed")


def test_a_failed_sessions_log_is_named_and_kept_until_the_session_is_deleted(server, glue):
    sid = create_session(glue)
    wait_ready(glue, sid)
    statement = run(glue, sid, "import os\nos._exit(3)")
    assert statement["State"] == "ERROR"
    failed = wait_for_status(glue, sid, {"FAILED"}, timeout=60)
    log = session_directory(server.home, sid) / "driver.log"
    assert str(log) in failed["ErrorMessage"]
    assert log.is_file()
    glue.delete_session(Id=sid)
    wait_until(lambda: not log.parent.exists(), timeout=30, message=f"{log.parent} to be removed")


def ui_get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_spark_ui_refuses_foreign_host_headers_and_cannot_kill_jobs(server, glue, tmp_path):
    # Finding 10: the UI answered any Host header (DNS rebinding) and its kill endpoint was on.
    sid = create_session(glue)
    wait_ready(glue, sid)
    url = glue.get_dashboard_url(ResourceType="SESSION", ResourceId=sid)["Url"]

    status, _ = ui_get(url, "/jobs/")
    assert status == 200
    status, body = ui_get(url, "/jobs/", host="rebound.example:4040")
    assert status == 403 and b"Host not allowed" in body
    status, _ = ui_get(url, "/api/v1/applications", host="rebound.example")
    assert status == 403

    release = tmp_path / "release"
    statement_id = glue.run_statement(SessionId=sid, Code=f"""
import os, time
def hold(x):
    deadline = time.time() + 120
    while not os.path.exists({str(release)!r}) and time.time() < deadline:
        time.sleep(0.02)
    return x
print(sc.parallelize(range(4), 2).map(hold).count())
""")["Id"]
    status, body = ui_get(url, "/api/v1/applications")
    app_id = json.loads(body)[0]["id"]

    def running_job():
        status, body = ui_get(url, f"/api/v1/applications/{app_id}/jobs?status=running")
        jobs = json.loads(body) if status == 200 else []
        return str(jobs[0]["jobId"]) if jobs else None

    job_id = wait_until(running_job, timeout=60, message="the statement's Spark job to run")
    ui_get(url, f"/jobs/job/kill/?id={job_id}")
    ui_get(url, "/stages/stage/kill/?id=0")
    release.touch()
    statement = wait_until(lambda: (lambda s: s if s["State"] in {"AVAILABLE", "ERROR", "CANCELLED"} else None)(
        glue.get_statement(SessionId=sid, Id=statement_id)["Statement"]), timeout=120, message="the held statement")
    assert statement["State"] == "AVAILABLE"
    assert statement["Output"]["Status"] == "ok", statement["Output"]
    assert statement["Output"]["Data"]["TextPlain"] == "4"
    glue.delete_session(Id=sid)
