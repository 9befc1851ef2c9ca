"""%matplot / %plotly outputs and --additional-python-modules in sessions, through boto3.

botocore's own Glue model keeps only TextPlain of StatementOutputData; the official kernel loads the
Glue model it bundles, which also has MimeType, Result, StdOut and StdErr. The plot tests read the
statements with a client on that bundled model, as the kernel does, and with a plain client.
"""
import base64
import os
import struct
import zlib

import boto3
import botocore.session
import pytest
from botocore.config import Config

from .epoxy_server import CREDENTIALS, REGION, EpoxyServer
from .sessions import create_session, new_session_id, run, wait_for_status, wait_ready

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A tiny pure-Python package from PyPI that the base environment does not have.
SMALL_PACKAGE = "inflection==0.5.1"


def kernel_model_glue(server):
    """A Glue client on the model aws-glue-sessions bundles (what the kernel's botocore loads)."""
    import aws_glue_interactive_sessions_kernel
    model_dir = os.path.join(os.path.dirname(aws_glue_interactive_sessions_kernel.__file__), "glue_pyspark")
    core = botocore.session.Session()
    core.get_component("data_loader").search_paths.insert(0, model_dir)
    return boto3.Session(botocore_session=core).client(
        "glue", endpoint_url=server.endpoint, region_name=REGION,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}), **CREDENTIALS)


def png_size(data):
    """(width, height) of a PNG, read from its IHDR chunk by hand (its CRC checked too)."""
    assert data[:8] == PNG_SIGNATURE, data[:16]
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    body = data[16:16 + length]
    assert zlib.crc32(kind + body) == struct.unpack(">I", data[16 + length:20 + length])[0]
    return struct.unpack(">II", body[:8])


def session_directory(server, session_id):
    matches = [path for path in (server.home / "sessions").iterdir() if path.name.startswith(session_id[:24])]
    assert len(matches) == 1, matches
    return matches[0]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("plots-and-modules") / "home"


@pytest.fixture(scope="module")
def server(home):
    epoxy = EpoxyServer(home=home).start()
    yield epoxy
    epoxy.stop()


PLOT_CODE = (
    "import matplotlib.pyplot as plt\n"
    "plt.figure(figsize=(4, 3), dpi=50)\n"
    "plt.bar(['a', 'b', 'c'], [3, 1, 2])\n"
    "print('three bars')\n"
    "%matplot plt\n")


def test_plots_render_and_survive_a_restart(server, home):
    glue = server.glue()
    kernel_glue = kernel_model_glue(server)
    sid = create_session(glue)
    wait_ready(glue, sid)

    plotted = run(kernel_glue, sid, PLOT_CODE)
    assert plotted["State"] == "AVAILABLE" and plotted["Output"]["Status"] == "ok", plotted["Output"]
    data = plotted["Output"]["Data"]
    assert data["MimeType"] == "image/png;base64"
    assert png_size(base64.b64decode(data["Result"])) == (4 * 50, 3 * 50)
    assert data["StdOut"] == "three bars"
    # A client on botocore's own model sees the printed text.
    plain = glue.get_statement(SessionId=sid, Id=plotted["Id"])["Statement"]["Output"]["Data"]
    assert plain == {"TextPlain": "three bars"}

    plotly = run(kernel_glue, sid,
                 "import plotly.graph_objects as go\n"
                 "fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 0, 1], name='zigzag'))\n"
                 "%plotly fig")
    assert plotly["Output"]["Status"] == "ok", plotly["Output"]
    assert plotly["Output"]["Data"]["MimeType"] == "image/png;base64"
    # plotly's default layout size, 700 x 500, when the figure sets none.
    assert png_size(base64.b64decode(plotly["Output"]["Data"]["Result"])) == (700, 500)

    wrong = run(kernel_glue, sid, "not_a_figure = [1, 2]\n%matplot not_a_figure")
    assert wrong["Output"]["Status"] == "error"
    assert (wrong["Output"]["ErrorName"], wrong["Output"]["ErrorValue"]) == (
        "DisplayError", "%matplot not_a_figure: list is not a matplotlib figure or matplotlib.pyplot")

    for module in ("numpy", "pandas", "pyspark.pandas"):
        assert run(glue, sid, f"import {module}\nprint('{module}', 'ok')")["Output"]["Data"]["TextPlain"] == f"{module} ok"
    glue.stop_session(Id=sid)
    wait_for_status(glue, sid, {"STOPPED"}, timeout=60)
    server.stop()

    restarted = EpoxyServer(home=home).start()
    try:
        again = kernel_model_glue(restarted).get_statement(SessionId=sid, Id=plotted["Id"])["Statement"]["Output"]["Data"]
        assert again == data
    finally:
        restarted.stop()


@pytest.fixture(scope="module")
def modules_server(home):
    epoxy = EpoxyServer(home=home.parent / "modules-home").start()
    yield epoxy
    epoxy.stop()


def test_additional_python_modules_are_installed_once_and_imported(modules_server):
    glue = modules_server.glue()
    arguments = {"--additional-python-modules": SMALL_PACKAGE, "--enable-glue-datacatalog": "true"}
    first = create_session(glue, DefaultArguments=arguments)
    wait_ready(glue, first, timeout=300)
    text = run(glue, first, "import inflection\nprint(inflection.camelize('epoxy_sessions'), inflection.__file__)")["Output"]["Data"]["TextPlain"]
    camel, path = text.split(" ", 1)
    assert camel == "EpoxySessions"
    modules_root = modules_server.home / "python-modules"
    assert path.startswith(str(modules_root) + os.sep)
    installs = [entry for entry in modules_root.iterdir()]
    assert len(installs) == 1, installs
    marker = installs[0] / ".epoxy-installed"
    installed_at = marker.stat().st_mtime_ns
    assert (session_directory(modules_server, first) / "pip.log").is_file()
    glue.stop_session(Id=first)
    wait_for_status(glue, first, {"STOPPED"}, timeout=60)

    second = create_session(glue, DefaultArguments=arguments)
    wait_ready(glue, second, timeout=300)
    assert run(glue, second, "import inflection\nprint(inflection.underscore('EpoxySessions'))")["Output"]["Data"]["TextPlain"] == "epoxy_sessions"
    # Reused from the cache: no pip run for the second session, the install untouched.
    assert not (session_directory(modules_server, second) / "pip.log").exists()
    assert [entry for entry in modules_root.iterdir()] == installs
    assert marker.stat().st_mtime_ns == installed_at
    glue.stop_session(Id=second)
    wait_for_status(glue, second, {"STOPPED"}, timeout=60)


def test_a_module_pip_cannot_find_fails_the_session_with_pips_message(modules_server):
    glue = modules_server.glue()
    sid = create_session(glue, DefaultArguments={"--additional-python-modules": "epoxy-no-such-package-e2e==1.0"})
    # PROVISIONING while pip runs: the CreateSession call did not wait for it.
    assert glue.get_session(Id=sid)["Session"]["Status"] in {"PROVISIONING", "FAILED"}
    failed = wait_for_status(glue, sid, {"READY", "FAILED"}, timeout=300)
    assert failed["Status"] == "FAILED"
    assert failed["ErrorMessage"].startswith("Cannot install --additional-python-modules epoxy-no-such-package-e2e==1.0: ERROR: ")
    assert "No matching distribution found for epoxy-no-such-package-e2e==1.0" in failed["ErrorMessage"]


def test_installer_options_reach_pip(modules_server, tmp_path):
    glue = modules_server.glue()
    empty_wheel_directory = tmp_path / "wheels"
    empty_wheel_directory.mkdir()
    sid = create_session(glue, DefaultArguments={
        "--additional-python-modules": SMALL_PACKAGE,
        "--python-modules-installer-option": f"--no-index --find-links {empty_wheel_directory}"})
    failed = wait_for_status(glue, sid, {"READY", "FAILED"}, timeout=300)
    # The package is on PyPI, but pip was told to look only in an empty wheel directory.
    assert failed["Status"] == "FAILED"
    assert "No matching distribution found for inflection==0.5.1" in failed["ErrorMessage"]


def test_installer_option_that_moves_the_install_is_refused_at_create_session(modules_server):
    glue = modules_server.glue()
    sid = new_session_id()
    with pytest.raises(glue.exceptions.InvalidInputException) as refused:
        create_session(glue, sid, DefaultArguments={
            "--additional-python-modules": SMALL_PACKAGE, "--python-modules-installer-option": "--target /srv/elsewhere"})
    assert refused.value.response["Error"]["Message"] == (
        "Invalid --python-modules-installer-option: --target cannot be used, Epoxy chooses where the modules are installed")


def test_missing_extra_py_file_is_refused_at_create_session_naming_it(modules_server):
    glue = modules_server.glue()
    sid = new_session_id()
    with pytest.raises(glue.exceptions.InvalidInputException) as refused:
        create_session(glue, sid, DefaultArguments={"--extra-py-files": "s3://no-such-bucket/lib/helpers.py"})
    assert refused.value.response["Error"]["Message"] == (
        f"Cannot create session {sid}: --extra-py-files entry s3://no-such-bucket/lib/helpers.py does not exist")
    assert sid not in glue.list_sessions()["Ids"]
