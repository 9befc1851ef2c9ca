package dev.epoxy.server.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDriverGlueEndpoint {
    private final DriverGlueEndpoint glue = new DriverGlueEndpoint(URI.create("http://127.0.0.1:4242"), "eu-west-1", "111122223333");

    @Test
    void sparkConfUsesTheKeysTheDriversGlueClientsRead() {
        // The names of dev.epoxy.spark.catalog.GlueClients, written out: the server cannot see that class.
        assertThat(glue.sparkConf()).isEqualTo(Map.of(
                "spark.epoxy.glue.endpoint", "http://127.0.0.1:4242",
                "spark.epoxy.glue.region", "eu-west-1",
                "spark.epoxy.glue.account-id", "111122223333"));
    }

    @Test
    void environmentPointsBotocoreAndTheSdksAtEpoxy() {
        assertThat(glue.driverEnvironment()).isEqualTo(Map.of(
                "AWS_ENDPOINT_URL_GLUE", "http://127.0.0.1:4242",
                "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_REGION", "eu-west-1"));
    }
}
