package dev.epoxy.server.driver;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a session driver reaches this server's Glue API: the Spark settings the drivers' Glue clients read
 * (the Spark catalog, {@code GlueContext}) and the environment variables boto3 and the AWS SDKs read, so
 * that {@code boto3.client("glue")} in a statement reaches Epoxy without an endpoint argument.
 *
 * @param endpoint the Glue endpoint URL as drivers can reach it (loopback for local drivers, or
 *     {@code epoxy.server.advertised-endpoint})
 * @param region the server's region ({@code epoxy.region})
 * @param accountId the server's account ({@code epoxy.account-id})
 */
public record DriverGlueEndpoint(URI endpoint, String region, String accountId) {
    // The same names as dev.epoxy.spark.catalog.GlueClients' ENDPOINT_CONF, REGION_CONF and ACCOUNT_ID_CONF:
    // the server does not depend on the drivers' modules, so they are repeated here.
    public static final String ENDPOINT_CONF = "spark.epoxy.glue.endpoint";
    public static final String REGION_CONF = "spark.epoxy.glue.region";
    public static final String ACCOUNT_ID_CONF = "spark.epoxy.glue.account-id";

    /**
     * The Glue connections a session or job run names, comma-separated: the runtime in the driver fetches
     * their properties and credentials itself with GetConnection, so no credential is in a driver's
     * command line, conf or environment.
     */
    public static final String CONNECTIONS_CONF = "spark.epoxy.connections";

    /** Read by botocore (1.31+) and the AWS SDKs as the endpoint of the Glue service. */
    public static final String AWS_ENDPOINT_URL_GLUE = "AWS_ENDPOINT_URL_GLUE";

    public DriverGlueEndpoint {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
    }

    /** The Spark settings, in a stable order. */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(ENDPOINT_CONF, endpoint.toString());
        conf.put(REGION_CONF, region);
        conf.put(ACCOUNT_ID_CONF, accountId);
        return Map.copyOf(conf);
    }

    /** The driver's environment variables (its Python interpreter inherits them). */
    public Map<String, String> driverEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(AWS_ENDPOINT_URL_GLUE, endpoint.toString());
        // botocore reads AWS_DEFAULT_REGION, the Java SDK and others AWS_REGION.
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_REGION", region);
        return Map.copyOf(environment);
    }
}
