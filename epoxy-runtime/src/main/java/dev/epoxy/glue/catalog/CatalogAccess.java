package dev.epoxy.glue.catalog;

import static java.util.Objects.requireNonNull;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.spark.catalog.CatalogException;
import dev.epoxy.spark.catalog.GlueClients;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Data Catalog as the runtime reaches it: one Glue API client per context, pointed at the Epoxy
 * server by the Spark conf the server gives every driver, and the translation of catalog errors into
 * the runtime's own.
 */
public final class CatalogAccess {
    private final SparkSession spark;
    private GlueClient glue;

    public CatalogAccess(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /**
     * The client, created on first use.
     *
     * @throws GlueRuntimeException NOT_SUPPORTED when the driver was not told where the Glue API is
     */
    public synchronized GlueClient glue() {
        if (glue == null) {
            Map<String, String> conf = new HashMap<>();
            for (Tuple2<String, String> entry : spark.sparkContext().getConf().getAll()) {
                conf.put(entry._1(), entry._2());
            }
            try {
                glue = GlueClients.shared(conf);
            } catch (IllegalStateException e) {
                throw GlueRuntimeException.notSupported("%s", e.getMessage());
            }
        }
        return glue;
    }

    /** The catalog id argument of the awsglue API: null or blank means the server's own account. */
    public static Optional<String> catalogId(String catalogId) {
        return Optional.ofNullable(catalogId).filter(id -> !id.isBlank());
    }

    /** Runs {@code action}, turning catalog errors into runtime errors of the same meaning. */
    public static <T> T translated(Supplier<T> action) {
        try {
            return action.get();
        } catch (CatalogException e) {
            throw translate(e);
        }
    }

    public static GlueRuntimeException translate(CatalogException e) {
        GlueRuntimeException.Kind kind = switch (e.kind()) {
            case NOT_FOUND -> GlueRuntimeException.Kind.NOT_FOUND;
            case INVALID_INPUT -> GlueRuntimeException.Kind.INVALID_INPUT;
            case NOT_SUPPORTED -> GlueRuntimeException.Kind.NOT_SUPPORTED;
            case CATALOG_ERROR -> GlueRuntimeException.Kind.IO;
        };
        return new GlueRuntimeException(kind, e, "%s", e.getMessage());
    }
}
