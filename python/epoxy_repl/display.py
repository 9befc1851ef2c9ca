"""``%matplot`` and ``%plotly`` at the end of a statement, as Glue runs them.

The official Glue kernel sends a cell that ends with ``%matplot plt`` (or ``%plotly fig``) to the
session unchanged: the magic is the remote interpreter's business. The rest of the cell runs as
Python; then the named object is rendered and returned as a display (a MIME type and its data),
which the kernel publishes as Jupyter ``display_data``.

- ``%matplot X``: X is ``matplotlib.pyplot`` (its current figure), a Figure, or anything with a
  ``figure`` (an Axes). Rendered to PNG with the Agg backend, sent as ``image/png;base64``, the MIME
  type the kernel base64-decodes. The figure is closed afterwards, as Jupyter's inline backend does.
- ``%plotly X``: X is a plotly figure. Rendered to PNG by kaleido 0.2 (its wheel carries its own
  headless Chromium, so no browser need be installed and nothing is downloaded), at the figure's
  layout width and height (plotly's 700 x 500 when unset), sent as ``image/png;base64``. kaleido >= 1
  would need an installed Chrome; plotly 6.0 is the last release that drives kaleido 0.2.

Nothing here knows about Spark or the driver link.
"""

import ast
import base64
import io
import re
import sys

MATPLOT = "matplot"
PLOTLY = "plotly"

_MAGIC = re.compile(r"^[ \t]*%(matplot|plotly)(?:[ \t]+(.*?))?[ \t]*$")


class Display:
    """Rich output of a statement: ``data`` is text of MIME type ``mime_type``."""

    def __init__(self, mime_type, data):
        self.mime_type = mime_type
        self.data = data

    def to_message(self):
        return {"mime_type": self.mime_type, "data": self.data}


class DisplayError(Exception):
    """What a ``%matplot``/``%plotly`` line cannot render; the message names the magic and the culprit."""


class DisplayMagic:
    """A ``%matplot``/``%plotly`` line: which magic, and the expression it names."""

    def __init__(self, kind, expression, line_number):
        self.kind = kind
        self.expression = expression
        self.line_number = line_number


def split_display_magic(code):
    """Returns ``(code without its final magic line, DisplayMagic or None)``.

    Only the last non-blank line counts, as in Glue: a magic anywhere else is Python's business
    (and a SyntaxError)."""
    lines = code.splitlines(True)
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last < 0:
        return code, None
    match = _MAGIC.match(lines[last].rstrip("\r\n"))
    if match is None:
        return code, None
    return "".join(lines[:last]), DisplayMagic(match.group(1), (match.group(2) or "").strip(), last + 1)


def render(magic, namespace, filename):
    """Evaluates the magic's expression in ``namespace`` and renders it.

    Raises DisplayError for a missing expression or an object the magic cannot render; the
    expression's own errors (a NameError) propagate."""
    if not magic.expression:
        raise DisplayError("%%%s needs the object to show, e.g. %s" % (
            magic.kind, "%matplot plt" if magic.kind == MATPLOT else "%plotly fig"))
    # Compiled at the magic's own line, so a traceback (a NameError) points at it.
    try:
        tree = ast.parse(magic.expression, filename=filename, mode="eval")
    except SyntaxError as error:
        raise DisplayError("%%%s %s: not a Python expression (%s)" % (magic.kind, magic.expression, error.msg))
    ast.increment_lineno(tree, magic.line_number - 1)
    value = eval(compile(tree, filename, "eval"), namespace)
    if magic.kind == MATPLOT:
        return _render_matplotlib(magic.expression, value)
    return _render_plotly(magic.expression, value)


def _render_matplotlib(expression, value):
    try:
        import matplotlib
    except ImportError as error:
        raise DisplayError("%%matplot needs matplotlib, which this session's Python cannot import: %s" % error)
    from matplotlib.figure import Figure
    figure = _figure_of(value, Figure)
    if figure is None:
        raise DisplayError("%%matplot %s: %s is not a matplotlib figure or matplotlib.pyplot"
                           % (expression, type(value).__name__))
    # No display here: Agg renders without one, whatever backend the user asked for.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(figure)
    return Display("image/png;base64", base64.b64encode(buffer.getvalue()).decode("ascii"))


def _figure_of(value, figure_type):
    if isinstance(value, figure_type):
        return value
    if getattr(value, "__name__", None) == "matplotlib.pyplot":
        return value.gcf()
    figure = getattr(value, "figure", None)
    if isinstance(figure, figure_type):
        return figure
    return None


def _render_plotly(expression, value):
    try:
        from plotly.basedatatypes import BaseFigure
    except ImportError as error:
        raise DisplayError("%%plotly needs plotly, which this session's Python cannot import: %s" % error)
    if not isinstance(value, BaseFigure):
        raise DisplayError("%%plotly %s: %s is not a plotly figure" % (expression, type(value).__name__))
    try:
        import kaleido  # noqa: F401 (plotly finds it by itself; imported here for a clear message)
    except ImportError as error:
        raise DisplayError("%%plotly needs kaleido to render a PNG, which this session's Python cannot import: %s "
                           "(pip install kaleido==0.2.1 'plotly<6.1')" % error)
    try:
        png = value.to_image(format="png")
    except Exception as error:  # kaleido's Chromium failed: the user's figure is not at fault, say what happened
        raise DisplayError("%%plotly %s: kaleido could not render the figure: %s" % (expression, error))
    return Display("image/png;base64", base64.b64encode(png).decode("ascii"))
