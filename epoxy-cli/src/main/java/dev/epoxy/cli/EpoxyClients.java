package dev.epoxy.cli;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Glue and S3 clients of a command, pointed at Epoxy's endpoints (never at AWS: the endpoint is always set).
 * Credentials and region come from the usual AWS places (environment, system properties, the shared
 * {@code ~/.aws} files and {@code AWS_PROFILE}) and fall back to Epoxy's dummy keys and {@code us-east-1}, as
 * {@code ./epoxy jupyter}'s profile has them: Epoxy does not check signatures, but the SDK must sign.
 * Instance and container credentials are not looked up: they only cost time on a developer's machine.
 */
public final class EpoxyClients implements AutoCloseable {
    static final String DUMMY_KEY = "epoxy";
    static final Region DEFAULT_REGION = Region.US_EAST_1;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI glueEndpoint;
    private final URI s3Endpoint;

    public EpoxyClients(URI glueEndpoint, URI s3Endpoint) {
        this.glueEndpoint = requireNonNull(glueEndpoint, "glueEndpoint is null");
        this.s3Endpoint = requireNonNull(s3Endpoint, "s3Endpoint is null");
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofMinutes(2))
                .build();
        this.credentials = AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY_KEY, DUMMY_KEY)))
                .build();
        this.region = region();
    }

    public GlueClient glue() {
        return GlueClient.builder()
                .endpointOverride(glueEndpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(noRetries())
                .build();
    }

    public S3Client s3() {
        return S3Client.builder()
                .endpointOverride(s3Endpoint)
                // Epoxy's S3 endpoint serves path-style requests: http://127.0.0.1:9912/bucket/key.
                .forcePathStyle(true)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(noRetries())
                .build();
    }

    public URI glueEndpoint() {
        return glueEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    @Override
    public void close() {
        http.close();
    }

    // A local server either answers or is not running; retries would only delay the message that says so.
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    /** AWS_REGION (or aws.region), then AWS_DEFAULT_REGION as the AWS CLI and boto3 read it, then the profile's, then us-east-1. */
    private static Region region() {
        try {
            return new SystemSettingsRegionProvider().getRegion();
        }
        catch (SdkClientException e) {
            // not set there; next
        }
        Optional<String> cliRegion = Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")).filter(value -> !value.isBlank());
        if (cliRegion.isPresent()) {
            return Region.of(cliRegion.get());
        }
        try {
            return new AwsRegionProviderChain(new AwsProfileRegionProvider()).getRegion();
        }
        catch (SdkClientException e) {
            return DEFAULT_REGION;
        }
    }
}
