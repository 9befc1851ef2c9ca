package dev.epoxy.server.http.catalog;

import static dev.epoxy.server.http.catalog.TestingCatalogEndpoint.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's refusals as clients see them (status, error type, message), and the listings' pages. */
final class TestCatalogErrorsOverHttp {
    @TempDir
    Path home;

    private TestingCatalogEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = TestingCatalogEndpoint.start(home);
        endpoint.ok("CreateDatabase", object().set("DatabaseInput", object().put("Name", "Sales")));
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
    }

    @Test
    void namesBreakingTheModelsPatternNameTheMember() throws Exception {
        endpoint.call("CreateDatabase", object().set("DatabaseInput", object().put("Name", "bad\nname")))
                .assertError("InvalidInputException", "1 validation error detected: Value 'bad\nname' at 'DatabaseInput.Name' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");
        endpoint.call("GetTable", object().put("DatabaseName", "sales").put("Name", ""))
                .assertError("InvalidInputException", "1 validation error detected: Value '' at 'Name' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void anotherCatalogIdIsNotFound() throws Exception {
        endpoint.call("GetDatabase", object().put("CatalogId", "999999999999").put("Name", "sales"))
                .assertError("EntityNotFoundException", "Catalog not found: 999999999999");
        assertThat(endpoint.ok("GetDatabase", object().put("CatalogId", "123456789012").put("Name", "SALES")).at("/Database/Name").asText()).isEqualTo("sales");
    }

    @Test
    void missingAndDuplicateEntities() throws Exception {
        endpoint.call("CreateDatabase", object().set("DatabaseInput", object().put("Name", "SALES")))
                .assertError("AlreadyExistsException", "Database already exists: sales");
        endpoint.call("CreateTable", createTable("nowhere", "orders")).assertError("EntityNotFoundException", "Database not found: nowhere");
        endpoint.ok("CreateTable", createTable("sales", "Orders"));
        endpoint.call("CreateTable", createTable("sales", "ORDERS")).assertError("AlreadyExistsException", "Table already exists: sales.orders");
        endpoint.call("GetTable", object().put("DatabaseName", "sales").put("Name", "missing")).assertError("EntityNotFoundException", "Table not found: sales.missing");
        endpoint.call("GetTable", object().put("DatabaseName", "nowhere").put("Name", "orders")).assertError("EntityNotFoundException", "Database not found: nowhere");
        endpoint.call("GetTables", object().put("DatabaseName", "nowhere")).assertError("EntityNotFoundException", "Database not found: nowhere");
        endpoint.call("DeleteDatabase", object().put("Name", "nowhere")).assertError("EntityNotFoundException", "Database not found: nowhere");
        endpoint.call("GetTableVersion", object().put("DatabaseName", "sales").put("TableName", "orders").put("VersionId", "5"))
                .assertError("EntityNotFoundException", "Version 5 of table sales.orders not found");
        endpoint.call("GetTableVersion", object().put("DatabaseName", "sales").put("TableName", "orders").put("VersionId", "five"))
                .assertError("InvalidInputException", "Invalid VersionId: five");
        endpoint.call("DeleteTableVersion", object().put("DatabaseName", "sales").put("TableName", "orders").put("VersionId", "0"))
                .assertError("InvalidInputException", "Cannot delete version 0 of table sales.orders: it is the current version");
    }

    @Test
    void updatesThatCannotBeDone() throws Exception {
        endpoint.ok("CreateTable", createTable("sales", "orders"));
        endpoint.call("UpdateDatabase", object().put("Name", "sales").set("DatabaseInput", object().put("Name", "renamed")))
                .assertError("InvalidInputException", "Cannot rename database sales to renamed: Glue databases cannot be renamed");
        ObjectNode stale = createTable("sales", "orders").put("VersionId", "3");
        endpoint.call("UpdateTable", stale)
                .assertError("ConcurrentModificationException", "Cannot update table sales.orders at version 3: its current version is 0");
        endpoint.call("UpdateTable", createTable("sales", "missing")).assertError("EntityNotFoundException", "Table not found: sales.missing");
        endpoint.call("CreateTable", object().put("DatabaseName", "sales")).assertError("InvalidInputException", "TableInput is required");
        endpoint.call("GetTable", object().put("DatabaseName", "sales").put("Name", "orders").put("TransactionId", "t1"))
                .assertError("OperationNotSupportedException", "TransactionId is not supported: Epoxy has no governed tables");
        endpoint.ok("UpdateTable", createTable("sales", "orders").put("VersionId", "0"));
        assertThat(endpoint.ok("GetTable", object().put("DatabaseName", "sales").put("Name", "orders")).at("/Table/VersionId").asText()).isEqualTo("1");
    }

    @Test
    void getTablesPagesThroughMatchingNamesOnly() throws Exception {
        List<String> created = List.of("raw_orders", "raw_items", "clean_orders", "raw_users", "raw_events", "summary", "raw_zones");
        for (String name : created) {
            endpoint.ok("CreateTable", createTable("sales", name));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = object().put("DatabaseName", "sales").put("Expression", "raw*").put("MaxResults", 2);
            if (token != null) {
                request.put("NextToken", token);
            }
            JsonNode page = endpoint.ok("GetTables", request);
            pageSizes.add(page.get("TableList").size());
            page.get("TableList").forEach(table -> seen.add(table.get("Name").asText()));
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        }
        while (token != null);

        assertThat(seen).containsExactly("raw_events", "raw_items", "raw_orders", "raw_users", "raw_zones");
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(names(endpoint.ok("GetTables", object().put("DatabaseName", "sales").put("Expression", ".*orders")))).containsExactly("clean_orders", "raw_orders");
        assertThat(names(endpoint.ok("GetTables", object().put("DatabaseName", "sales").put("Expression", "summary|raw_zones")))).containsExactly("raw_zones", "summary");
        assertThat(names(endpoint.ok("GetTables", object().put("DatabaseName", "sales").put("Expression", "RAW_ITEMS")))).containsExactly("raw_items");
        endpoint.call("GetTables", object().put("DatabaseName", "sales").put("Expression", "raw_(orders"))
                .assertError("InvalidInputException", "Invalid Expression: raw_(orders is not a valid pattern (Unclosed group at position 12)");
    }

    @Test
    void forgedOrForeignTokensAreRefused() throws Exception {
        endpoint.call("GetDatabases", object().put("NextToken", "not-a-token!"))
                .assertError("InvalidInputException", "Invalid NextToken: not-a-token!");
        String tablesToken = Base64.getUrlEncoder().withoutPadding().encodeToString("tables:a".getBytes(StandardCharsets.UTF_8));
        endpoint.call("GetDatabases", object().put("NextToken", tablesToken))
                .assertError("InvalidInputException", "Invalid NextToken: " + tablesToken);
    }

    @Test
    void batchDeleteTableReportsEachFailure() throws Exception {
        endpoint.ok("CreateTable", createTable("sales", "a"));
        endpoint.ok("CreateTable", createTable("sales", "b"));
        ObjectNode request = object().put("DatabaseName", "sales");
        request.putArray("TablesToDelete").add("A").add("missing").add("b");

        JsonNode errors = endpoint.ok("BatchDeleteTable", request).get("Errors");

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("TableName").asText()).isEqualTo("missing");
        assertThat(errors.get(0).at("/ErrorDetail/ErrorCode").asText()).isEqualTo("EntityNotFoundException");
        assertThat(errors.get(0).at("/ErrorDetail/ErrorMessage").asText()).isEqualTo("Table not found: sales.missing");
        assertThat(names(endpoint.ok("GetTables", object().put("DatabaseName", "sales")))).isEmpty();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("TableList").forEach(table -> names.add(table.get("Name").asText()));
        return names;
    }

    private static ObjectNode createTable(String database, String name) {
        ObjectNode request = object().put("DatabaseName", database);
        request.set("TableInput", object().put("Name", name));
        return request;
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
