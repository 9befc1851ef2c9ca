"""The job-run wrapper (python/epoxy_jobrun), run as the server runs it: a real Python process."""
import json
import os
import subprocess
import sys

from epoxy_jobrun.runner import describe, exit_code_of

WRAPPER = os.path.join(os.path.dirname(__file__), "..", "..", "epoxy_jobrun", "__main__.py")


def run_wrapper(tmp_path, source, *args):
    script = tmp_path / "job.py"
    script.write_text(source)
    error_file = tmp_path / "error.json"
    env = dict(os.environ, EPOXY_JOBRUN_ERROR_FILE=str(error_file))
    done = subprocess.run([sys.executable, WRAPPER, str(script), *args], capture_output=True, text=True, env=env, timeout=60)
    error = json.loads(error_file.read_text()) if error_file.exists() else None
    return done, error


def test_script_runs_as_main_with_its_arguments_and_its_directory_on_the_path(tmp_path):
    (tmp_path / "helper.py").write_text("VALUE = 'from helper'\n")
    done, error = run_wrapper(tmp_path, "import sys, helper\nif __name__ == '__main__':\n    print(sys.argv[1:], helper.VALUE)\n",
                              "--JOB_NAME", "j", "--k", "v w")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "['--JOB_NAME', 'j', '--k', 'v w'] from helper\n"
    assert error is None


def test_exception_gives_type_message_traceback_and_exit_1(tmp_path):
    done, error = run_wrapper(tmp_path, "def f():\n    raise KeyError('missing column')\nf()\n")
    assert done.returncode == 1
    assert error == {"type": "KeyError", "message": "'missing column'"}
    assert done.stderr.startswith("Traceback (most recent call last):\n")
    assert 'job.py", line 2, in f' in done.stderr
    # The wrapper's own frames are not the user's business.
    assert "runner.py" not in done.stderr and "runpy" not in done.stderr


def test_syntax_error_names_file_and_line(tmp_path):
    done, error = run_wrapper(tmp_path, "x = 1\n\nif x\n    pass\n")
    assert done.returncode == 1
    assert error["type"] == "SyntaxError"
    assert error["message"].endswith("(job.py, line 3)")


def test_system_exit_codes(tmp_path):
    assert run_wrapper(tmp_path, "import sys\nsys.exit(0)\n")[0].returncode == 0
    assert run_wrapper(tmp_path, "import sys\nsys.exit()\n")[0].returncode == 0
    done, error = run_wrapper(tmp_path, "import sys\nsys.exit(4)\n")
    assert (done.returncode, error) == (4, {"type": "SystemExit", "message": "exit code 4"})
    done, error = run_wrapper(tmp_path, "import sys\nsys.exit('no data today')\n")
    assert (done.returncode, error) == (1, {"type": "SystemExit", "message": "no data today"})


def test_describe_and_exit_code_of_are_pure():
    assert describe(ValueError("bad")) == ("ValueError", "bad")
    syntax = SyntaxError("invalid syntax", ("/x/etl.py", 7, 1, "if x"))
    assert describe(syntax) == ("SyntaxError", "invalid syntax (etl.py, line 7)")
    assert exit_code_of(SystemExit(None)) == (0, None)
    assert exit_code_of(SystemExit(2)) == (2, ("SystemExit", "exit code 2"))
