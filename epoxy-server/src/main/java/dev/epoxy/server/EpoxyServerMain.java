package dev.epoxy.server;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.server.config.ConfigLoader;
import dev.epoxy.server.config.EpoxyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code epoxy server}: starts the server in the foreground and prints how to reach it. */
public final class EpoxyServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(EpoxyServerMain.class);

    private EpoxyServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EpoxyConfig config;
        try {
            config = ConfigLoader.standard().loadFromProcess(args);
        }
        catch (EpoxyException e) {
            System.err.println("epoxy: " + e.getMessage());
            System.exit(2);
            return;
        }
        config.describe().forEach(line -> LOG.debug("config {}", line));
        EpoxyServer server;
        try {
            server = EpoxyServer.start(config);
        }
        catch (EpoxyException e) {
            LOG.error("Epoxy cannot start: {}", e.getMessage(), e.getCause());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "epoxy-shutdown"));
        System.out.println(banner(server));
        server.join();
    }

    private static String banner(EpoxyServer server) {
        String endpoint = server.endpoint().toString().replaceAll("/$", "");
        StringBuilder text = new StringBuilder();
        text.append("\nEpoxy is running: Glue API and STS at ").append(endpoint);
        server.s3Endpoint().ifPresent(s3 -> text.append(", S3 at ").append(s3.toString().replaceAll("/$", "")));
        text.append("\nState lives in ").append(server.home()).append('\n');
        text.append("\n  AWS CLI:  export AWS_ACCESS_KEY_ID=epoxy AWS_SECRET_ACCESS_KEY=epoxy AWS_DEFAULT_REGION=us-east-1");
        text.append("\n            aws glue list-sessions --endpoint-url ").append(endpoint);
        text.append("\n  boto3:    boto3.client('glue', endpoint_url='").append(endpoint).append("', region_name='us-east-1')");
        text.append("\n  Jupyter:  ./epoxy jupyter --port ").append(server.endpoint().getPort());
        server.s3Endpoint().ifPresent(s3 -> text.append(" --s3-port ").append(s3.getPort()));
        text.append("   then pick the kernel \"Glue PySpark (Epoxy)\"\n");
        return text.toString();
    }
}
