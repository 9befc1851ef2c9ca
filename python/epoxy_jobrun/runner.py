"""The wrapper's logic, importable without running anything (python/tests/unit/test_epoxy_jobrun.py)."""

import json
import os
import runpy
import sys
import traceback
from typing import List, Optional, Tuple

ERROR_FILE_ENVIRONMENT_VARIABLE = "EPOXY_JOBRUN_ERROR_FILE"


def describe(error: BaseException) -> Tuple[str, str]:
    """The ``(type, message)`` pair of ``error``; a SyntaxError's message names the file and the line."""
    if isinstance(error, SyntaxError):
        where = os.path.basename(error.filename) if error.filename else "<script>"
        return type(error).__name__, "{} ({}, line {})".format(error.msg, where, error.lineno)
    return type(error).__name__, str(error)


def exit_code_of(error: SystemExit) -> Tuple[int, Optional[Tuple[str, str]]]:
    """``sys.exit(x)``: 0 for None and 0, the number for an int, 1 (with the text as the error) otherwise."""
    code = error.code
    if code is None or code == 0:
        return 0, None
    if isinstance(code, int):
        return code, ("SystemExit", "exit code {}".format(code))
    return 1, ("SystemExit", str(code))


def print_traceback(error: BaseException, script: str) -> None:
    """The traceback on stderr from the script's first frame on (the wrapper's and runpy's are noise)."""
    frames = error.__traceback__
    while frames is not None and os.path.abspath(frames.tb_frame.f_code.co_filename) != script:
        frames = frames.tb_next
    traceback.print_exception(type(error), error, frames)


def write_error(error_file: Optional[str], kind: str, message: str) -> None:
    if not error_file:
        return
    temporary = error_file + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump({"type": kind, "message": message}, out)
    os.replace(temporary, error_file)


def run(argv: List[str]) -> int:
    """``argv``: the script, then its arguments. Returns the process's exit code."""
    if not argv:
        sys.stderr.write("usage: epoxy_jobrun SCRIPT [--KEY VALUE ...]\n")
        return 2
    script = os.path.abspath(argv[0])
    error_file = os.environ.get(ERROR_FILE_ENVIRONMENT_VARIABLE)
    sys.argv = [script] + list(argv[1:])
    # As `python script.py` would: the script's directory first on the path, in place of the wrapper's.
    if sys.path:
        sys.path[0] = os.path.dirname(script)
    else:
        sys.path.append(os.path.dirname(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as error:
        code, described = exit_code_of(error)
        if described is not None:
            write_error(error_file, *described)
            sys.stderr.write("{}: {}\n".format(*described))
        return code
    except BaseException as error:  # noqa: B902 - everything the script raises ends the run
        print_traceback(error, script)
        write_error(error_file, *describe(error))
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
