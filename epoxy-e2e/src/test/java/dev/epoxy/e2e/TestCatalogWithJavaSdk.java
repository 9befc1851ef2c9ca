package dev.epoxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The catalog through the AWS SDK for Java v2, the client the crawler and the Spark catalog use: shapes
 * (timestamps, nested storage descriptors), modeled errors and the SDK's own paginators.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestCatalogWithJavaSdk {
    private TestingEpoxyServer server;
    private GlueClient glue;

    @BeforeAll
    void startServer() {
        server = TestingEpoxyServer.builder().build();
        glue = GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEPOXYTEST", "secret")))
                .build();
    }

    @AfterAll
    void stopServer() {
        glue.close();
        server.close();
    }

    @Test
    void tablesRoundTripThroughTheSdk() {
        Instant before = Instant.now().minusSeconds(1);
        glue.createDatabase(request -> request.databaseInput(input -> input.name("Java_Sales").locationUri("s3://bucket/java/")));
        TableInput input = TableInput.builder()
                .name("Orders")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv"))
                .partitionKeys(Column.builder().name("year").type("string").build())
                .storageDescriptor(sd -> sd
                        .location("s3://bucket/java/orders/")
                        .columns(Column.builder().name("id").type("bigint").build(), Column.builder().name("note").type("string").comment("free text").build())
                        .serdeInfo(serde -> serde.serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe").parameters(Map.of("field.delim", ","))))
                .build();
        glue.createTable(request -> request.databaseName("java_sales").tableInput(input));

        Table table = glue.getTable(request -> request.databaseName("JAVA_SALES").name("orders")).table();
        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.databaseName()).isEqualTo("java_sales");
        assertThat(table.storageDescriptor()).isEqualTo(input.storageDescriptor());
        assertThat(table.partitionKeys()).isEqualTo(input.partitionKeys());
        assertThat(table.parameters()).isEqualTo(input.parameters());
        assertThat(table.createTime()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(table.versionId()).isEqualTo("0");

        glue.updateTable(request -> request.databaseName("java_sales").tableInput(input.toBuilder().description("second").build()).versionId("0"));
        assertThatThrownBy(() -> glue.updateTable(request -> request.databaseName("java_sales").tableInput(input).versionId("0")))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThat(glue.getTableVersionsPaginator(request -> request.databaseName("java_sales").tableName("orders").maxResults(1)).stream()
                        .flatMap(page -> page.tableVersions().stream()))
                .extracting(version -> version.versionId()).containsExactly("1", "0");

        assertThatThrownBy(() -> glue.createTable(request -> request.databaseName("java_sales").tableInput(input)))
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("Table already exists: java_sales.orders");
        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName("java_sales").name("missing")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Table not found: java_sales.missing");
    }

    @Test
    void sdkPaginatorsWalkEveryPage() {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("java_paged")));
        List<String> names = List.of("t1", "t2", "t3", "t4", "t5");
        for (String name : names) {
            glue.createTable(request -> request.databaseName("java_paged").tableInput(input -> input.name(name)));
        }
        assertThat(glue.getTablesPaginator(request -> request.databaseName("java_paged").maxResults(2)).stream().flatMap(page -> page.tableList().stream()))
                .extracting(Table::name).containsExactlyElementsOf(names);
        assertThat(glue.getTablesPaginator(request -> request.databaseName("java_paged").maxResults(2)).stream().map(page -> page.tableList().size()))
                .containsExactly(2, 2, 1);
        assertThat(glue.getDatabasesPaginator(request -> request.maxResults(1)).stream().flatMap(page -> page.databaseList().stream()))
                .extracting(database -> database.name()).contains("java_paged");
    }
}
