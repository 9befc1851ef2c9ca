package dev.epoxy.glue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.connection.ssl.JdbcSsl;
import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.JsonOptions;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJdbcPieces {
    @Test
    void hashFieldSplitsIntoDisjointPredicatesWithNullsInTheFirst() {
        HashPartitions hash = HashPartitions.of(JsonOptions.parse("{\"hashfield\": \"customer_id\", \"hashpartitions\": \"4\"}"));
        assertThat(hash.predicates(JdbcVendor.POSTGRESQL, Optional.of("\"customer_id\""))).containsExactly(
                "(ABS(MOD(hashtext(CAST(\"customer_id\" AS TEXT)), 4)) = 0 OR \"customer_id\" IS NULL)",
                "(ABS(MOD(hashtext(CAST(\"customer_id\" AS TEXT)), 4)) = 1)",
                "(ABS(MOD(hashtext(CAST(\"customer_id\" AS TEXT)), 4)) = 2)",
                "(ABS(MOD(hashtext(CAST(\"customer_id\" AS TEXT)), 4)) = 3)");
        assertThat(HashPartitions.of(JsonOptions.parse("{\"hashexpression\": \"id\"}")).predicates(JdbcVendor.MARIADB, Optional.empty()))
                .hasSize(HashPartitions.DEFAULT_PARTITIONS)
                .startsWith("(ABS(MOD(id, 7)) = 0 OR (id) IS NULL)");
        // A whole-number field is split into ranges of its values: open at both ends, NULLs in the first.
        assertThat(hash.rangePredicates("id", 1, 10)).containsExactly(
                "(id < 4 OR id IS NULL)", "(id >= 4 AND id < 7)", "(id >= 7 AND id < 10)", "(id >= 10)");
        assertThat(hash.rangePredicates("id", 5, 5)).containsExactly("(id < 6 OR id IS NULL)", "(id >= 6 AND id < 7)",
                "(id >= 7 AND id < 8)", "(id >= 8)");
        assertThat(hash.rangePredicates("id", Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(4).last().isEqualTo("(id >= 4611686018427387904)");
        assertThat(HashPartitions.of(JsonOptions.parse("{\"hashfield\": \"name\", \"hashpartitions\": 1}"))
                .predicates(JdbcVendor.POSTGRESQL, Optional.of("name"))).containsExactly("1 = 1");
        assertThatThrownBy(() -> HashPartitions.of(JsonOptions.parse("{\"hashfield\": \"a\", \"hashpartitions\": 0}")))
                .hasMessageContaining("hashpartitions");
    }

    @Test
    void urlsKeepTheirParametersWhenTheDatabaseChanges() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/old?ssl=false", "sales"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/sales?ssl=false");
        assertThat(JdbcUrls.withDatabase("jdbc:mariadb://db:3306", "sales")).isEqualTo("jdbc:mariadb://db:3306/sales");
        assertThat(JdbcUrls.hostAndPort("jdbc:mysql://db:3306/sales?x=1")).isEqualTo("jdbc:mysql://db:3306");
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://db/x", "a; DROP")).hasMessageContaining("Invalid database");
    }

    @Test
    void connectionNameIsResolvedAndExplicitOptionsWin() {
        ConnectionResolver resolver = (name, catalogId) -> GlueConnectionResolver.fromProperties(name, "JDBC", Map.of(
                "JDBC_CONNECTION_URL", "jdbc:postgresql://h:5432/d", "USERNAME", "u", "PASSWORD", "secret-pw"), location -> {
                    throw new AssertionError("no certificate to read");
                });
        JdbcConnection connection = JdbcOptions.connection("postgresql",
                JsonOptions.parse("{\"useConnectionProperties\": true, \"connectionName\": \"rds\", \"user\": \"other\"}"), resolver,
                Optional.empty());
        assertThat(connection.url()).isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(connection.user()).isEqualTo("other");
        assertThat(connection.password()).isEqualTo("secret-pw");
        assertThat(connection.toString()).doesNotContain("secret-pw");
        assertThatThrownBy(() -> JdbcOptions.connection("mysql", JsonOptions.parse("{\"connectionName\": \"rds\"}"), resolver,
                Optional.empty())).hasMessageContaining("does not match");
        assertThatThrownBy(() -> JdbcOptions.connection("postgresql", JsonOptions.parse("{\"useConnectionProperties\": true}"), resolver,
                Optional.empty())).hasMessageContaining("connectionName");
    }

    @Test
    void authenticationFailuresNameTheConnectionAndNeverThePassword() {
        JdbcConnection connection = new JdbcConnection(Optional.of("rds"), "jdbc:postgresql://h/d", "u", "secret-pw", JdbcSsl.NONE);
        GlueRuntimeException error = JdbcErrors.translate(new RuntimeException(new SQLException(
                "password authentication failed for user u (password secret-pw)", "28P01")), connection, "read table t");
        assertThat(error.getMessage()).contains("authentication failed", "connection rds").doesNotContain("secret-pw");
        GlueRuntimeException unreachable = JdbcErrors.translate(new SQLException("Connection refused", "08001"), connection, "read table t");
        assertThat(unreachable.getMessage()).contains("cannot connect", "connection rds");
    }

    @Test
    void aConnectionsSslPropertiesBecomeTheDriversOptionsAndTheirErrorsNameTheConnection() {
        Map<String, String> properties = Map.of("JDBC_CONNECTION_URL", "jdbc:mariadb://h:3306/d", "USERNAME", "u", "PASSWORD", "pw",
                "JDBC_ENFORCE_SSL", "true");
        JdbcConnection connection = GlueConnectionResolver.fromProperties("maria", "JDBC", properties, location -> new byte[0]);
        assertThat(JdbcOptions.sparkOptions(connection, JsonOptions.parse("{}"))).containsEntry("sslMode", "verify-full");
        // A driver option given in connection_options still wins.
        assertThat(JdbcOptions.sparkOptions(connection, JsonOptions.parse("{\"sslMode\": \"trust\"}"))).containsEntry("sslMode", "trust");

        Map<String, String> withCertificate = new java.util.HashMap<>(properties);
        withCertificate.put("CUSTOM_JDBC_CERT", "s3://certs/missing.pem");
        assertThatThrownBy(() -> GlueConnectionResolver.fromProperties("maria", "JDBC", withCertificate, location -> {
            throw new java.io.FileNotFoundException(location + " does not exist");
        })).isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Cannot read CUSTOM_JDBC_CERT s3://certs/missing.pem of connection maria: s3://certs/missing.pem does not exist");
    }
}
