"""%matplot / %plotly at the end of a statement, run by the session interpreter without Spark."""

import base64
import struct
import zlib

import pytest

from epoxy_repl.display import split_display_magic
from epoxy_repl.execution import Executor

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def executor():
    return Executor({"__name__": "__main__", "__builtins__": __builtins__}, 1024 * 1024)


def png_size(data):
    """(width, height) from a PNG's IHDR chunk, read by hand: the first chunk after the signature."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    body = data[16:16 + length]
    (crc,) = struct.unpack(">I", data[16 + length:20 + length])
    assert zlib.crc32(kind + body) == crc
    return struct.unpack(">II", body[:8])


def test_only_a_final_magic_line_is_split_off():
    code, magic = split_display_magic("x = 1\n%matplot plt\n\n")
    assert (code, magic.kind, magic.expression, magic.line_number) == ("x = 1\n", "matplot", "plt", 2)
    assert split_display_magic("%matplot plt\nx = 1")[1] is None
    assert split_display_magic("print('%matplot plt')")[1] is None
    assert split_display_magic("")[1] is None


def test_matplot_renders_the_current_figure_as_png_and_keeps_printed_text(executor):
    result = executor.execute(
        "import matplotlib\n"
        "import matplotlib.pyplot as plt\n"
        "plt.figure(figsize=(3, 2), dpi=50)\n"
        "plt.plot([1, 2, 3], [3, 1, 2])\n"
        "print('plotted', matplotlib.get_backend())\n"
        "%matplot plt\n")
    assert result.status == "ok", result.error_value
    assert result.text.startswith("plotted agg") or result.text.startswith("plotted Agg")
    assert result.display.mime_type == "image/png;base64"
    assert png_size(base64.b64decode(result.display.data)) == (150, 100)
    # Closed once shown, as Jupyter's inline backend does: the next figure starts empty.
    assert executor.execute("len(plt.get_fignums())").text == "0"


def test_matplot_takes_a_figure_or_axes(executor):
    executor.execute("import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 2), dpi=40)")
    result = executor.execute("ax.bar([1, 2], [2, 3])\n%matplot ax")
    assert result.status == "ok", result.error_value
    assert png_size(base64.b64decode(result.display.data)) == (80, 80)


def test_matplot_of_something_else_is_a_clear_error(executor):
    result = executor.execute("x = 42\n%matplot x")
    assert (result.status, result.error_name) == ("error", "DisplayError")
    assert result.error_value == "%matplot x: int is not a matplotlib figure or matplotlib.pyplot"


def test_matplot_without_an_argument_is_a_clear_error(executor):
    result = executor.execute("print('before')\n%matplot")
    assert (result.status, result.error_name, result.text) == ("error", "DisplayError", "before")
    assert result.error_value == "%matplot needs the object to show, e.g. %matplot plt"


def test_matplot_of_an_undefined_name_points_at_the_magic_line(executor):
    result = executor.execute("x = 1\n%matplot figure_never_defined")
    assert (result.status, result.error_name) == ("error", "NameError")
    assert "line 2" in "".join(result.traceback)
    assert "%matplot figure_never_defined" in "".join(result.traceback)


def test_error_before_the_magic_is_reported_without_rendering(executor):
    result = executor.execute("1 / 0\n%matplot plt")
    assert (result.status, result.error_name, result.display) == ("error", "ZeroDivisionError", None)


def test_an_image_larger_than_the_output_limit_is_an_error():
    small = Executor({"__name__": "__main__", "__builtins__": __builtins__}, 1000)
    result = small.execute("import matplotlib.pyplot as plt\nplt.figure(figsize=(8, 8), dpi=100)\nplt.plot([1, 2])\n%matplot plt")
    assert (result.status, result.error_name) == ("error", "DisplayError")
    assert "more than the 1000 bytes a statement may output" in result.error_value


def test_plotly_renders_a_png_of_the_layouts_size(executor):
    result = executor.execute(
        "import plotly.graph_objects as go\n"
        "fig = go.Figure(go.Bar(x=['a', 'b'], y=[1, 2]), layout={'width': 420, 'height': 260})\n"
        "print('built')\n"
        "%plotly fig")
    assert (result.status, result.text) == ("ok", "built"), result.error_value
    assert result.display.mime_type == "image/png;base64"
    assert png_size(base64.b64decode(result.display.data)) == (420, 260)


def test_plotly_of_something_else_is_a_clear_error(executor):
    result = executor.execute("fig = 'not a figure'\n%plotly fig")
    assert (result.status, result.error_name) == ("error", "DisplayError")
    assert result.error_value == "%plotly fig: str is not a plotly figure"


def test_display_goes_into_the_result_message(executor):
    message = executor.execute("import matplotlib.pyplot as plt\nplt.plot([1])\n%matplot plt").to_message(7)
    assert message["display"]["mime_type"] == "image/png;base64"
    assert base64.b64decode(message["display"]["data"]).startswith(PNG_SIGNATURE)
