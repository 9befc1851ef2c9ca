"""Running one statement: parse, execute, capture output, describe errors.

Nothing here knows about Spark or the driver link, so it can be tested on its own.
"""

import ast
import io
import linecache
import sys
import traceback

from epoxy_repl import display
from epoxy_repl.output import BoundedOutput

# Each statement compiles under its own name, "<statement-N>", with its source registered in
# linecache, so tracebacks show the offending lines even for a function defined statements ago.
STATEMENT_FILENAME_PREFIX = "<statement-"


class StatementResult:
    """What a statement produced. ``status`` is ``ok``, ``error`` or ``cancelled``; ``display`` is
    what a final ``%matplot``/``%plotly`` rendered (a display.Display), or None."""

    def __init__(self, status, text, error_name=None, error_value=None, traceback_lines=None, display=None):
        self.status = status
        self.text = text
        self.error_name = error_name
        self.error_value = error_value
        self.traceback = traceback_lines or []
        self.display = display

    def to_message(self, statement_id):
        message = {"type": "result", "id": statement_id, "status": self.status, "text": self.text}
        if self.status == "ok" and self.display is not None:
            message["display"] = self.display.to_message()
        if self.status != "ok":
            message["ename"] = self.error_name
            message["evalue"] = self.error_value
            message["traceback"] = self.traceback
        return message


class Executor:
    """Runs statements in one persistent namespace, like an interactive interpreter."""

    def __init__(self, namespace, max_output_bytes):
        self.namespace = namespace
        self.max_output_bytes = max_output_bytes
        self.executed = 0

    def execute(self, code):
        """Runs ``code`` and returns a StatementResult, ``ok`` or ``error``.

        A KeyboardInterrupt raised in the user's code is an ``error`` like any other exception:
        only the caller knows whether a cancel caused it. One that arrives outside the user's code
        propagates to the caller."""
        output = BoundedOutput(self.max_output_bytes)
        stdout, stderr = _redirect("stdout"), _redirect("stderr")
        stdout.target = stderr.target = output
        python_code, magic = display.split_display_magic(code)
        try:
            try:
                filename = self._run(python_code, code)
                if magic is not None:
                    return self._render(magic, filename, output)
            except SyntaxError as error:
                return StatementResult("error", _text(output), "SyntaxError", _error_value(error),
                                       traceback.format_exception_only(type(error), error))
            except BaseException as error:  # noqa: B902 - user code may raise SystemExit too
                error_type, value, tb = sys.exc_info()
                return StatementResult("error", _text(output), error_type.__name__, _error_value(value),
                                       _user_traceback(error_type, value, tb))
            return StatementResult("ok", _text(output))
        finally:
            stdout.target, stderr.target = stdout.idle, stderr.idle

    def _run(self, code, source):
        """Runs ``code``, the Python part of the statement ``source``, and returns its filename."""
        self.executed += 1
        filename = "%s%d>" % (STATEMENT_FILENAME_PREFIX, self.executed)
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        tree = ast.parse(code, filename=filename, mode="exec")
        if not tree.body:
            return filename
        *body, last = tree.body
        if body:
            module = ast.Module(body=body, type_ignores=[])
            exec(compile(module, filename, "exec"), self.namespace)
        interactive = ast.Interactive(body=[last])
        exec(compile(interactive, filename, "single"), self.namespace)
        return filename

    def _render(self, magic, filename, output):
        try:
            rendered = display.render(magic, self.namespace, filename)
        except display.DisplayError as error:
            return StatementResult("error", _text(output), "DisplayError", str(error), ["DisplayError: %s\n" % error])
        size = len(rendered.data.encode("utf-8"))
        if size > self.max_output_bytes:
            message = ("%%%s %s is %d bytes, more than the %d bytes a statement may output; raise the limit with "
                       "epoxy.session.max-output-bytes" % (magic.kind, magic.expression, size, self.max_output_bytes))
            return StatementResult("error", _text(output), "DisplayError", message, ["DisplayError: %s\n" % message])
        return StatementResult("ok", _text(output), display=rendered)


class _Redirect(io.TextIOBase):
    """Stands in for sys.stdout or sys.stderr for the life of the interpreter.

    Writes go to the running statement's output, or to the original stream between statements.
    Because the object never changes, a logging handler or library that kept a reference to
    sys.stderr in one statement still has its output captured in the next.
    """

    def __init__(self, idle):
        super().__init__()
        self.idle = idle
        self.target = idle

    def write(self, text):
        return self.target.write(text)

    def flush(self):
        self.target.flush()

    def writable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"


def _redirect(name):
    current = getattr(sys, name)
    if isinstance(current, _Redirect):
        return current
    proxy = _Redirect(current)
    setattr(sys, name, proxy)
    return proxy


def _text(output):
    text = output.text()
    # print() ends with a newline that a REPL user never sees as part of the value.
    if text.endswith("\n"):
        text = text[:-1]
    return text


def _error_value(error):
    try:
        return str(error)
    except Exception:  # a broken __str__ must not break the interpreter
        return "<unprintable %s object>" % type(error).__name__


def _user_traceback(error_type, value, tb):
    """The formatted exception, starting at the first frame of the user's statement."""
    first_user = tb
    while first_user is not None and not first_user.tb_frame.f_code.co_filename.startswith(STATEMENT_FILENAME_PREFIX):
        first_user = first_user.tb_next
    if first_user is None:
        first_user = tb
    while first_user is not None and _is_repl_frame(first_user):
        first_user = first_user.tb_next
    return traceback.format_exception(error_type, value, first_user)


def _is_repl_frame(tb):
    filename = tb.tb_frame.f_code.co_filename
    return "epoxy_repl" in filename and filename.endswith(".py")
