"""The interpreter as the driver sees it: ``python -m epoxy_repl`` in its own process, driven over
its control socket exactly as the driver JVM drives it (without Spark)."""

import json
import os
import secrets
import select
import signal
import socket
import subprocess
import sys
import time

import pytest

_PYTHON_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_DEADLINE_SECONDS = 30


class Interpreter:
    """One ``python -m epoxy_repl`` process and the driver's end of its control socket."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_DEADLINE_SECONDS)
        # The test reads what a statement writes to this pipe: "I am inside my code now".
        self._signal_read, self.signal_fd = os.pipe()
        secret = secrets.token_hex(16)
        environment = dict(os.environ,
                           EPOXY_REPL_PORT=str(self._listener.getsockname()[1]),
                           EPOXY_REPL_SECRET=secret,
                           EPOXY_REPL_WITHOUT_SPARK="1",
                           PYTHONPATH=_PYTHON_ROOT)
        self.process = subprocess.Popen([sys.executable, "-m", "epoxy_repl"], env=environment,
                                        stdin=subprocess.DEVNULL, pass_fds=(self.signal_fd,))
        self._socket, _ = self._listener.accept()
        self._socket.settimeout(_DEADLINE_SECONDS)
        self._reader = self._socket.makefile("r", encoding="utf-8")
        assert self.receive() == {"type": "hello", "secret": secret}
        self.ready = self.receive()
        assert self.ready["type"] == "ready"

    def send(self, message):
        self._socket.sendall((json.dumps(message) + "\n").encode("utf-8"))

    def receive(self):
        line = self._reader.readline()
        assert line, "the interpreter closed its control socket"
        return json.loads(line)

    def run(self, statement_id, code):
        self.send({"type": "execute", "id": statement_id, "code": code})
        return self.result(statement_id)

    def result(self, statement_id):
        message = self.receive()
        assert (message["type"], message["id"]) == ("result", statement_id)
        return message

    def await_signal(self):
        readable, _, _ = select.select([self._signal_read], [], [], _DEADLINE_SECONDS)
        assert readable, "the statement did not reach its code"
        return os.read(self._signal_read, 100).decode()

    def close_control(self):
        self._reader.close()
        self._socket.close()

    def close(self):
        self.close_control()
        # The interpreter ends its process group (what the test's statements started) by itself.
        try:
            self.process.wait(_DEADLINE_SECONDS)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(_DEADLINE_SECONDS)
        self._listener.close()
        os.close(self._signal_read)
        os.close(self.signal_fd)


@pytest.fixture
def interpreter():
    started = Interpreter()
    yield started
    started.close()


def test_keyboard_interrupt_raised_by_user_code_is_an_error_not_a_cancel(interpreter):
    result = interpreter.run(1, "raise KeyboardInterrupt")
    assert (result["status"], result["ename"]) == ("error", "KeyboardInterrupt")
    assert result["traceback"][-1] == "KeyboardInterrupt\n"
    assert interpreter.run(2, "1 + 1")["text"] == "2"


def test_sigint_a_statement_sends_itself_is_an_error_not_a_cancel(interpreter):
    result = interpreter.run(1, "import os, signal, time\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(60)")
    assert (result["status"], result["ename"]) == ("error", "KeyboardInterrupt")


def test_cancel_of_the_running_statement_is_cancelled(interpreter):
    interpreter.send({"type": "execute", "id": 1,
                      "code": "import os, time\nos.write(%d, b'inside')\ntime.sleep(600)" % interpreter.signal_fd})
    assert interpreter.await_signal() == "inside"
    interpreter.send({"type": "cancel", "id": 1})
    result = interpreter.result(1)
    assert (result["status"], result["ename"]) == ("cancelled", "KeyboardInterrupt")
    assert interpreter.run(2, "'after'")["text"] == "'after'"


def test_cancel_works_after_a_statement_ignored_sigint(interpreter):
    assert interpreter.run(1, "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)")["status"] == "ok"
    interpreter.send({"type": "execute", "id": 2,
                      "code": "import os, time\nos.write(%d, b'inside')\ntime.sleep(600)" % interpreter.signal_fd})
    interpreter.await_signal()
    interpreter.send({"type": "cancel", "id": 2})
    assert interpreter.result(2)["status"] == "cancelled"


def test_the_interpreter_leads_its_own_process_group_and_statements_start_processes_in_it(interpreter):
    pid = interpreter.process.pid
    assert (interpreter.ready["pid"], interpreter.ready["pgid"]) == (pid, pid)
    code = "import os, subprocess\nos.getpgid(subprocess.Popen(['sleep', '600']).pid)"
    assert interpreter.run(1, code)["text"] == str(pid)


@pytest.mark.parametrize("busy", [False, True], ids=["idle", "running-a-statement"])
def test_processes_a_statement_started_end_with_the_interpreter(interpreter, busy):
    code = ("import os, subprocess, sys\n"
            "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            # A grandchild that its parent leaves behind: no longer a descendant of the interpreter.
            "orphan = subprocess.Popen(['sh', '-c', 'sleep 600 & echo $!'], stdout=subprocess.PIPE)\n"
            "orphan_pid = int(orphan.stdout.readline())\n"
            "orphan.wait()\n"
            "os.write(%d, b'%%d %%d' %% (child.pid, orphan_pid))\n" % interpreter.signal_fd)
    if busy:
        interpreter.send({"type": "execute", "id": 1, "code": code + "import time\ntime.sleep(600)"})
    else:
        interpreter.send({"type": "execute", "id": 1, "code": code})
    child_pids = [int(pid) for pid in interpreter.await_signal().split()]
    if not busy:
        assert interpreter.result(1)["status"] == "ok"
    assert all(_is_running(pid) for pid in child_pids)

    # The driver goes away (it exited, or was killed).
    interpreter.close_control()

    assert interpreter.process.wait(_DEADLINE_SECONDS) is not None
    _await(lambda: not any(_is_running(pid) for pid in child_pids), "processes of the statement to end")


def _is_running(pid):
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False


def _await(condition, what):
    deadline = time.monotonic() + _DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for " + what
        time.sleep(0.05)
