import os
import signal
import threading

import pytest

from epoxy_repl.execution import Executor
from epoxy_repl.output import BoundedOutput


@pytest.fixture
def executor():
    return Executor({"__name__": "__main__", "__builtins__": __builtins__}, 1024 * 1024)


def test_print_gives_exactly_the_text_without_trailing_newline(executor):
    result = executor.execute("print('hello world')")
    assert result.status == "ok"
    assert result.text == "hello world"


def test_bare_last_expression_is_echoed_and_globals_persist(executor):
    assert executor.execute("x = 41").text == ""
    result = executor.execute("x + 1")
    assert (result.status, result.text) == ("ok", "42")


def test_only_the_last_expression_is_echoed(executor):
    assert executor.execute("1 + 1\n'second'").text == "'second'"


def test_statement_with_only_a_comment_gives_empty_output(executor):
    result = executor.execute("# nothing")
    assert (result.status, result.text) == ("ok", "")


def test_stderr_is_captured_too(executor):
    assert executor.execute("import sys\nprint('out')\nprint('err', file=sys.stderr)").text == "out\nerr"


def test_exception_reports_name_value_and_user_frames_only(executor):
    executor.execute("def divide(a):\n    return a / 0")
    result = executor.execute("print('before')\ndivide(1)")
    assert result.status == "error"
    assert result.text == "before"
    assert result.error_name == "ZeroDivisionError"
    assert result.error_value == "division by zero"
    assert result.traceback[0] == "Traceback (most recent call last):\n"
    # The calling frame is the second statement's line 2; the failing one is the first statement's
    # line 2, shown with its source even though it was defined a statement earlier.
    assert result.traceback[1].startswith('  File "<statement-2>", line 2, in <module>\n    divide(1)\n')
    assert result.traceback[2].startswith('  File "<statement-1>", line 2, in divide\n    return a / 0\n')
    assert result.traceback[-1] == "ZeroDivisionError: division by zero\n"
    assert not any("epoxy_repl" in line for line in result.traceback)


def test_syntax_error_shows_the_line_and_a_caret(executor):
    result = executor.execute("x = 1\ny = (2 +\n")
    assert result.status == "error"
    assert result.error_name == "SyntaxError"
    joined = "".join(result.traceback)
    assert 'File "<statement-1>", line 2' in joined
    assert "y = (2 +" in joined
    assert "^" in joined
    assert result.traceback[-1].startswith("SyntaxError: ")


def test_system_exit_is_an_error_not_an_exit(executor):
    result = executor.execute("import sys\nsys.exit(3)")
    assert (result.status, result.error_name, result.error_value) == ("error", "SystemExit", "3")


def test_keyboard_interrupt_in_user_code_is_an_error_named_keyboard_interrupt():
    # The executor cannot know whether a cancel sent the interrupt; the Repl decides that. The interrupt is sent once
    # the user's code runs (a loaded machine can take longer than any fixed delay to get there).
    started = threading.Event()
    executor = Executor({"__name__": "__main__", "__builtins__": __builtins__, "started": started}, 1024 * 1024)
    main = threading.main_thread().ident

    def interrupt():
        if started.wait(timeout=60):
            signal.pthread_kill(main, signal.SIGINT)

    # The REPL installs Python's SIGINT handler itself; so does this test, because a runner started in the background
    # of a non-interactive shell (as CI may be) inherits SIGINT ignored, and Python then keeps it ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    sender = threading.Thread(target=interrupt)
    sender.start()
    try:
        result = executor.execute("import time\nprint('started')\nstarted.set()\ntime.sleep(30)")
    finally:
        sender.join()
        signal.signal(signal.SIGINT, previous)
    assert (result.status, result.error_name) == ("error", "KeyboardInterrupt")
    assert result.text == "started"
    assert result.traceback[-1] == "KeyboardInterrupt\n"
    assert executor.execute("1 + 1").text == "2"


def test_raised_keyboard_interrupt_is_an_error_with_the_users_frames(executor):
    result = executor.execute("raise KeyboardInterrupt('by hand')")
    assert (result.status, result.error_name, result.error_value) == ("error", "KeyboardInterrupt", "by hand")
    assert result.traceback[1].startswith('  File "<statement-1>", line 1, in <module>\n')


def test_output_past_the_limit_is_dropped_with_a_note():
    limit = 1000
    executor = Executor({"__builtins__": __builtins__}, limit)
    result = executor.execute("for i in range(100000):\n    print('x' * 99)")
    kept, note = result.text.rsplit("\n", 1)
    total = 100000 * 100
    assert len(kept.encode()) + 1 == limit
    assert note == ("[Output truncated: %d more bytes were dropped after the first %d bytes. "
                    "Raise the limit with epoxy.session.max-output-bytes.]" % (total - limit, limit))


def test_bounded_output_never_splits_a_multibyte_character():
    output = BoundedOutput(5)
    output.write("ééé")  # 6 bytes
    assert output.text().startswith("éé\n")
    assert output.dropped_bytes == 2


def test_a_stream_kept_by_an_earlier_statement_is_still_captured(executor):
    executor.execute("import logging, sys\nhandler = logging.StreamHandler(sys.stderr)\n"
                     "log = logging.getLogger('kept')\nlog.addHandler(handler)\nlog.propagate = False")
    result = executor.execute("log.warning('second statement')")
    assert (result.status, result.text) == ("ok", "second statement")
