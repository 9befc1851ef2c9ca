package dev.epoxy.glue.jdbc;

import static java.util.Objects.requireNonNull;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.connection.ssl.JdbcSslException;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.catalog.CatalogAccess;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetConnectionRequest;

/** Connections from the Glue API of the server that launched the driver: {@code GetConnection} with the password. */
public final class GlueConnectionResolver implements ConnectionResolver {
    private final CatalogAccess catalog;
    private final JdbcSsl.CertificateSource certificates;

    /** @param certificates reads {@code CUSTOM_JDBC_CERT} objects (the storage of the session or job) */
    public GlueConnectionResolver(CatalogAccess catalog, JdbcSsl.CertificateSource certificates) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.certificates = requireNonNull(certificates, "certificates is null");
    }

    @Override
    public JdbcConnection resolve(String name, Optional<String> catalogId) {
        Connection connection;
        try {
            GetConnectionRequest.Builder request = GetConnectionRequest.builder().name(name).hidePassword(false);
            catalogId.ifPresent(request::catalogId);
            connection = catalog.glue().getConnection(request.build()).connection();
        } catch (EntityNotFoundException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.NOT_FOUND, "Glue connection %s does not exist", name);
        } catch (SdkException e) {
            throw new GlueRuntimeException(GlueRuntimeException.Kind.IO, "Cannot get Glue connection %s: %s", name, e.getMessage());
        }
        return fromProperties(name, connection.connectionTypeAsString(), connection.connectionPropertiesAsStrings(), certificates);
    }

    /**
     * The JDBC connection of a Glue connection's type and properties; its {@code CUSTOM_JDBC_CERT} is read with {@code certificates}.
     *
     * @throws GlueRuntimeException INVALID_INPUT for another type, a connection without a URL, or SSL properties that cannot be used
     */
    public static JdbcConnection fromProperties(String name, String type, Map<String, String> properties, JdbcSsl.CertificateSource certificates) {
        if (type != null && !type.isBlank() && !type.toUpperCase(Locale.ROOT).equals("JDBC")) {
            throw GlueRuntimeException.invalidInput("Glue connection %s is a %s connection, not a JDBC one", name, type);
        }
        String url = properties.getOrDefault("JDBC_CONNECTION_URL", "");
        if (url.isBlank()) {
            throw GlueRuntimeException.invalidInput("Glue connection %s has no JDBC_CONNECTION_URL", name);
        }
        if (properties.containsKey("SECRET_ID") && !properties.containsKey("PASSWORD")) {
            throw GlueRuntimeException.notSupported("Glue connection %s keeps its credentials in SECRET_ID: Epoxy has no secrets "
                    + "store, give the connection USERNAME and PASSWORD", name);
        }
        JdbcSsl ssl;
        try {
            ssl = JdbcSsl.fromConnectionProperties(name, properties, certificates);
        } catch (JdbcSslException e) {
            throw GlueRuntimeException.invalidInput("%s", e.getMessage());
        }
        return new JdbcConnection(Optional.of(name), url, properties.getOrDefault("USERNAME", ""), properties.getOrDefault("PASSWORD", ""), ssl);
    }
}
