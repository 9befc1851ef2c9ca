package dev.epoxy.server.http;

import dev.epoxy.core.session.SessionConfig;
import dev.epoxy.core.session.SessionService;
import dev.epoxy.core.session.SessionStore;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.core.tag.TagStore;
import dev.epoxy.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Glue endpoint on a free port over a real H2 session store in {@code home}, for HTTP-level tests
 * that must not launch a driver: the launcher fails the request (and so the test) if it is called.
 */
public final class TestingGlueEndpoint implements AutoCloseable {
    private final Stores stores;
    private final SessionService sessions;
    private final GlueEndpoint endpoint;

    private TestingGlueEndpoint(Stores stores, SessionService sessions, GlueEndpoint endpoint) {
        this.stores = stores;
        this.sessions = sessions;
        this.endpoint = endpoint;
    }

    public static TestingGlueEndpoint start(Path home) {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        Stores stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty()));
        ServerConfig config = ServerConfig.defaults().withPort(0);
        SessionService sessions = new SessionService(stores.sessions(), stores.tags(), config.arns(), (session, listener) -> {
            throw new AssertionError("No driver may be launched in this test, but session " + session.id() + " asked for one");
        }, Clock.systemUTC(), SessionConfig.defaults());
        return new TestingGlueEndpoint(stores, sessions, GlueEndpoint.start(config, GlueApi.operations(config.arns(), sessions, stores.tags())));
    }

    public SessionStore store() {
        return stores.sessions();
    }

    public TagStore tags() {
        return stores.tags();
    }

    public Stores stores() {
        return stores;
    }

    public SessionService sessions() {
        return sessions;
    }

    public GlueEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        endpoint.close();
        sessions.close();
        stores.close();
    }
}
