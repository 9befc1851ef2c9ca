import pytest

from .epoxy_server import EpoxyServer
from .sessions import create_session, wait_ready


@pytest.fixture(scope="session")
def server():
    epoxy = EpoxyServer().start()
    yield epoxy
    epoxy.stop()


@pytest.fixture(scope="session")
def glue(server):
    return server.glue()


@pytest.fixture(scope="session")
def session_id(glue):
    """One READY session shared by the statement tests: a session start costs seconds."""
    sid = create_session(glue)
    wait_ready(glue, sid)
    yield sid
    try:
        glue.stop_session(Id=sid)
    except Exception:
        pass
