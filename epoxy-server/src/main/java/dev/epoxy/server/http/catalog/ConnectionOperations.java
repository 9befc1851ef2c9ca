package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.INTERNAL;
import static dev.epoxy.core.ErrorCode.INVALID_INPUT;
import static dev.epoxy.core.ErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.RequestContext;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.connection.ConnectionService.OpenedConnection;
import dev.epoxy.glue.model.EchoedText;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.glue.model.ShapeBinder;
import dev.epoxy.server.connection.JdbcConnectionTester;
import dev.epoxy.server.http.GlueOperation;
import dev.epoxy.server.http.tag.TaggableResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateConnection, GetConnection, GetConnections, UpdateConnection, DeleteConnection, BatchDeleteConnection
 * and TestConnection. A connection is kept as
 * {@code ConnectionInput} projected onto the model's {@code Connection} (every member both define), except
 * its {@code PASSWORD} property, which the service seals apart; GetConnection puts it back unless
 * {@code HidePassword} is true. JDBC connections must name their database ({@code JDBC_CONNECTION_URL});
 * {@code SECRET_ID} is refused: Epoxy has no secrets store. UpdateConnection replaces the whole input (a
 * password not given is removed) and cannot rename. TestConnection opens a real JDBC connection
 * ({@link JdbcConnectionTester}).
 */
public final class ConnectionOperations {
    static final String PASSWORD = "PASSWORD";
    private static final String LISTING = "connections";
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_ECHOED_LENGTH = 64;
    private static final int READ_BATCH = 200;

    private final ConnectionService connections;
    private final JdbcConnectionTester tester;
    private final ShapeBinder binder = new ShapeBinder(ServiceModel.glue());
    private final ObjectMapper json = GlueJson.newObjectMapper();

    private ConnectionOperations(ConnectionService connections, JdbcConnectionTester tester) {
        this.connections = requireNonNull(connections, "connections is null");
        this.tester = requireNonNull(tester, "tester is null");
    }

    /** Every connection operation, for {@link dev.epoxy.server.http.GlueEndpoint}; TestConnection uses {@code tester}. */
    public static List<GlueOperation<?, ?>> all(ConnectionService connections, JdbcConnectionTester tester) {
        ConnectionOperations operations = new ConnectionOperations(connections, tester);
        return List.of(
                GlueOperation.of("CreateConnection", JsonNode.class, operations::createConnection),
                GlueOperation.of("GetConnection", JsonNode.class, operations::getConnection),
                GlueOperation.of("GetConnections", JsonNode.class, operations::getConnections),
                GlueOperation.of("UpdateConnection", JsonNode.class, operations::updateConnection),
                GlueOperation.of("DeleteConnection", JsonNode.class, operations::deleteConnection),
                GlueOperation.of("BatchDeleteConnection", JsonNode.class, operations::batchDeleteConnection),
                GlueOperation.of("TestConnection", JsonNode.class, operations::testConnection));
    }

    /** Whether the connection a {@code connection/<Name>} ARN names exists, for the tag operations' registry. */
    public static TaggableResources.ExistenceCheck existenceCheck(ConnectionService connections) {
        return arn -> connections.load(arn.path(), false);
    }

    JsonNode createConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        JsonNode input = request.path("ConnectionInput");
        String name = CatalogRequests.text(input, "Name").orElseThrow(() -> new EpoxyException(INVALID_INPUT, "ConnectionInput.Name is required"));
        Document document = document(name, input);
        connections.create(name, write(document.connection()), document.password(), stringMap(request.path("Tags")));
        ObjectNode response = json.createObjectNode();
        response.put("CreateConnectionStatus", "READY");
        return response;
    }

    /**
     * The new input replaces the connection's (AWS semantics): a PASSWORD given is sealed anew, none given
     * removes it. {@code ConnectionInput.Name} must be the connection's own name (any case): Epoxy does not
     * rename connections.
     */
    JsonNode updateConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        String name = CatalogRequests.text(request, "Name").orElse("");
        JsonNode input = request.path("ConnectionInput");
        String inputName = CatalogRequests.text(input, "Name").orElse(name);
        if (!ConnectionService.canonicalName(inputName).equals(ConnectionService.canonicalName(name))) {
            throw new EpoxyException(INVALID_INPUT, "Cannot rename connection %s to %s: Epoxy does not rename connections; create %s and delete %s instead",
                    echoed(name), echoed(inputName), echoed(inputName), echoed(name));
        }
        Document document = document(name, input);
        connections.update(name, write(document.connection()), document.password());
        return json.createObjectNode();
    }

    JsonNode getConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        String name = CatalogRequests.text(request, "Name").orElse("");
        ObjectNode response = json.createObjectNode();
        response.set("Connection", render(connections.load(name, !CatalogRequests.flag(request, "HidePassword"))));
        return response;
    }

    JsonNode getConnections(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        Optional<String> after = PageToken.positionOf(LISTING, CatalogRequests.text(request, "NextToken"));
        JsonNode value = request.get("MaxResults");
        int size = value != null && value.isInt() ? value.asInt() : DEFAULT_PAGE_SIZE;
        boolean withPasswords = !CatalogRequests.flag(request, "HidePassword");
        JsonNode filter = request.path("Filter");
        Optional<String> type = CatalogRequests.text(filter, "ConnectionType");
        List<String> criteria = strings(filter.path("MatchCriteria"));

        // A filtered page holds `size` matching connections: read on in batches until one more than that matched.
        List<ObjectNode> matched = new ArrayList<>();
        Optional<String> position = after;
        while (matched.size() <= size) {
            List<OpenedConnection> batch = connections.list(position, READ_BATCH, withPasswords);
            for (OpenedConnection connection : batch) {
                position = Optional.of(connection.stored().name());
                ObjectNode rendered = render(connection);
                if (matches(rendered, type, criteria)) {
                    matched.add(rendered);
                    if (matched.size() > size) {
                        break;
                    }
                }
            }
            if (batch.size() < READ_BATCH) {
                break;
            }
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode list = response.putArray("ConnectionList");
        matched.stream().limit(size).forEach(list::add);
        if (matched.size() > size) {
            response.put("NextToken", PageToken.of(LISTING, matched.get(size - 1).path("Name").asText()));
        }
        return response;
    }

    JsonNode deleteConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        String name = CatalogRequests.text(request, "ConnectionName").orElse("");
        if (!connections.delete(name)) {
            throw new EpoxyException(dev.epoxy.core.ErrorCode.ENTITY_NOT_FOUND, "Connection not found: %s",
                    EchoedText.shortened(ConnectionService.canonicalName(name), MAX_ECHOED_LENGTH));
        }
        return json.createObjectNode();
    }

    /** Succeeded lists the names deleted; Errors maps each other name to why (EntityNotFoundException when missing). */
    JsonNode batchDeleteConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        ObjectNode response = json.createObjectNode();
        ArrayNode succeeded = response.putArray("Succeeded");
        ObjectNode errors = response.putObject("Errors");
        for (String name : strings(request.path("ConnectionNameList"))) {
            if (connections.delete(name)) {
                succeeded.add(name);
            }
            else {
                ObjectNode detail = errors.putObject(name);
                detail.put("ErrorCode", "EntityNotFoundException");
                detail.put("ErrorMessage", "Connection not found: " + echoed(ConnectionService.canonicalName(name)));
            }
        }
        return response;
    }

    /**
     * Tests a stored connection (ConnectionName) or an unsaved one (TestConnectionInput), not both. Only JDBC
     * connections can be tested; a failure is InvalidInputException naming the connection, with the driver's
     * reason.
     */
    JsonNode testConnection(RequestContext context, JsonNode request) {
        CatalogRequests.catalogId(context, request);
        Optional<String> name = CatalogRequests.text(request, "ConnectionName");
        Optional<JsonNode> input = CatalogRequests.object(request, "TestConnectionInput");
        if (name.isPresent() && input.isPresent()) {
            throw new EpoxyException(INVALID_INPUT, "TestConnection takes ConnectionName or TestConnectionInput, not both");
        }
        if (name.isEmpty() && input.isEmpty()) {
            throw new EpoxyException(INVALID_INPUT, "TestConnection needs ConnectionName or TestConnectionInput");
        }
        String described;
        String type;
        JsonNode properties;
        Optional<String> password;
        if (name.isPresent()) {
            OpenedConnection connection = connections.load(name.get(), true);
            described = connection.stored().name();
            JsonNode document = read(connection.stored().document());
            type = document.path("ConnectionType").asText("");
            properties = document.path("ConnectionProperties");
            password = connection.password();
        }
        else {
            described = "TestConnectionInput";
            type = input.get().path("ConnectionType").asText("");
            properties = input.get().path("ConnectionProperties");
            password = CatalogRequests.text(properties, PASSWORD);
        }
        if (!type.equals("JDBC")) {
            throw new EpoxyException(NOT_SUPPORTED, "Cannot test connection %s: Epoxy tests JDBC connections only, not %s", echoed(described), echoed(type));
        }
        String url = CatalogRequests.text(properties, "JDBC_CONNECTION_URL").orElseThrow(() -> new EpoxyException(INVALID_INPUT,
                "Cannot test connection %s: it has no ConnectionProperties.JDBC_CONNECTION_URL", echoed(described)));
        Map<String, String> textProperties = new LinkedHashMap<>();
        properties.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                textProperties.put(field.getKey(), field.getValue().asText());
            }
        });
        tester.test(echoed(described), url, CatalogRequests.text(properties, "USERNAME"), password, textProperties);
        return json.createObjectNode();
    }

    /** A connection document and its password apart. */
    private record Document(ObjectNode connection, Optional<String> password) {}

    private Document document(String name, JsonNode input) {
        ObjectNode document = binder.project("Connection", binder.project("ConnectionInput", input));
        document.remove(List.of("Name", "CreationTime", "LastUpdatedTime", "Status", "StatusReason", "LastConnectionValidationTime", "LastUpdatedBy"));
        ObjectNode properties = document.get("ConnectionProperties") instanceof ObjectNode object ? object : document.putObject("ConnectionProperties");
        checkProperties(name, CatalogRequests.text(document, "ConnectionType").orElse(""), properties);
        Optional<String> password = Optional.ofNullable(properties.remove(PASSWORD)).map(JsonNode::asText);
        return new Document(document, password);
    }

    private static String echoed(String text) {
        return EchoedText.shortened(text, MAX_ECHOED_LENGTH);
    }

    private static void checkProperties(String name, String type, ObjectNode properties) {
        if (properties.has("SECRET_ID")) {
            throw new EpoxyException(INVALID_INPUT, "Connection %s: SECRET_ID is not supported (Epoxy has no secrets store); give USERNAME and PASSWORD",
                    EchoedText.shortened(name, MAX_ECHOED_LENGTH));
        }
        if (type.equals("JDBC")) {
            String url = properties.path("JDBC_CONNECTION_URL").asText("");
            if (!url.startsWith("jdbc:")) {
                throw new EpoxyException(INVALID_INPUT, "Connection %s: a JDBC connection needs ConnectionProperties.JDBC_CONNECTION_URL, such as jdbc:postgresql://host:5432/database",
                        EchoedText.shortened(name, MAX_ECHOED_LENGTH));
            }
        }
    }

    private ObjectNode render(OpenedConnection connection) {
        ObjectNode rendered = json.createObjectNode();
        rendered.put("Name", connection.stored().name());
        rendered.setAll(read(connection.stored().document()));
        connection.password().ifPresent(password -> ((ObjectNode) rendered.path("ConnectionProperties")).put(PASSWORD, password));
        rendered.set("CreationTime", ShapeBinder.timestamp(connection.stored().creationTime()));
        rendered.set("LastUpdatedTime", ShapeBinder.timestamp(connection.stored().lastUpdatedTime()));
        rendered.put("Status", "READY");
        return rendered;
    }

    private static boolean matches(JsonNode connection, Optional<String> type, List<String> criteria) {
        if (type.isPresent() && !type.get().equals(connection.path("ConnectionType").asText())) {
            return false;
        }
        // Every criterion asked for must be among the connection's (AWS documents the filter as a match on them).
        return strings(connection.path("MatchCriteria")).containsAll(criteria);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }

    private static Map<String, String> stringMap(JsonNode map) {
        Map<String, String> values = new LinkedHashMap<>();
        map.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot write a connection document");
        }
    }

    private ObjectNode read(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        }
        catch (JsonProcessingException | ClassCastException e) {
            throw new EpoxyException(INTERNAL, e, "Cannot read a stored connection document");
        }
    }
}
