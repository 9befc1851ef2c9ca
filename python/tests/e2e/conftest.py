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


@pytest.fixture(scope="session", params=["embedded", "postgresql"])
def catalog_server(request):
    """A server for the catalog suite, once on the embedded store and once on a real PostgreSQL.

    The catalog tests take this fixture (or catalog_glue) instead of `server`, so that the same suite
    proves both stores. It is a server of its own, so the catalog tests see no other test's databases.
    """
    database = None
    config = {}
    if request.param == "postgresql":
        from .postgresql import PostgreSqlServer
        database = PostgreSqlServer().start()
        config = database.store_config()
    epoxy = EpoxyServer(extra_config=config).start()
    epoxy.store = request.param
    yield epoxy
    epoxy.stop()
    if database:
        database.stop()


@pytest.fixture(scope="session")
def catalog_glue(catalog_server):
    return catalog_server.glue()
