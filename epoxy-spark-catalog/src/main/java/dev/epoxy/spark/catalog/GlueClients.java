package dev.epoxy.spark.catalog;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Glue API client of a driver (a session, a job run, a crawl), pointed at the Epoxy server that
 * launched it. The server passes its endpoint as Spark conf, so that drivers on cluster hosts reach the
 * catalog the same way as local ones, and never through server classes.
 */
public final class GlueClients {
    /** The Glue endpoint URL of the server, e.g. {@code http://127.0.0.1:9911}. */
    public static final String ENDPOINT_CONF = "spark.epoxy.glue.endpoint";
    /** The server's region; requests are signed for it. */
    public static final String REGION_CONF = "spark.epoxy.glue.region";
    /** The server's account id, the default CatalogId. */
    public static final String ACCOUNT_ID_CONF = "spark.epoxy.glue.account-id";

    private static final String DEFAULT_REGION = "us-east-1";
    // The server does not check signatures yet (SigV4 comes later); the SDK needs something to sign with.
    private static final String ACCESS_KEY = "epoxy";
    private static final String SECRET_KEY = "epoxy";

    /** One client per endpoint and region for the whole driver: building one costs class loading and a thread pool. */
    private static final ConcurrentMap<String, GlueClient> SHARED = new ConcurrentHashMap<>();

    private GlueClients() {}

    /**
     * The driver's shared client for the endpoint the Spark conf names, created on first use and never
     * closed (it lives as long as the driver). The runtime's catalog reads and Spark's session catalog
     * share it, so that the driver's warm-up builds it once for both.
     *
     * @throws IllegalStateException when {@link #ENDPOINT_CONF} is not set
     */
    public static GlueClient shared(Map<String, String> sparkConf) {
        requireNonNull(sparkConf, "sparkConf is null");
        String endpoint = endpointOf(sparkConf);
        String region = sparkConf.getOrDefault(REGION_CONF, DEFAULT_REGION);
        return SHARED.computeIfAbsent(endpoint + " " + region, key -> create(URI.create(endpoint), region));
    }

    /**
     * A client for the endpoint the Spark conf names.
     *
     * @throws IllegalStateException when {@link #ENDPOINT_CONF} is not set: the driver was not launched by an Epoxy server
     */
    public static GlueClient fromSparkConf(Map<String, String> sparkConf) {
        requireNonNull(sparkConf, "sparkConf is null");
        return create(URI.create(endpointOf(sparkConf)), sparkConf.getOrDefault(REGION_CONF, DEFAULT_REGION));
    }

    private static String endpointOf(Map<String, String> sparkConf) {
        return Optional.ofNullable(sparkConf.get(ENDPOINT_CONF)).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("The Glue Data Catalog is not reachable: " + ENDPOINT_CONF
                        + " is not set (drivers launched by an Epoxy server get it from the server)"));
    }

    /** A client for the given endpoint and region. */
    public static GlueClient create(URI endpoint, String region) {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .build();
    }
}
