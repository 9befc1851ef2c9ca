package dev.epoxy.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The few values a valid request needs that the model cannot express: its shapes say "a name" where Glue
 * accepts only certain names (CreateSession's {@code Command.Name} is a NameString, but only {@code glueetl}
 * and {@code gluestreaming} run Spark), or combinations (WorkerType with NumberOfWorkers). Keyed by
 * {@code Operation.Member.Path}; a new operation works without an entry, its valid requests just stop
 * earlier in the server.
 */
final class Examples {
    private static final Map<String, String> VALUES = Map.of(
            "CreateSession.Command.Name", "glueetl",
            "CreateSession.Command.PythonVersion", "3",
            "CreateSession.Role", "arn:aws:iam::123456789012:role/EpoxyFuzz",
            "CreateSession.SessionType", "LIVY",
            "CreateSession.GlueVersion", "5.0",
            "GetDashboardUrl.ResourceType", "SESSION");

    private Examples() {}

    /** Overlays the examples of the operation onto a request, each with probability {@code percent}. */
    static void apply(String operation, JsonNode request, int percent, SplittableRandom random) {
        for (Map.Entry<String, String> example : new java.util.TreeMap<>(VALUES).entrySet()) {
            if (!example.getKey().startsWith(operation + ".") || random.nextInt(100) >= percent) {
                continue;
            }
            String[] path = example.getKey().substring(operation.length() + 1).split("\\.");
            JsonNode node = request;
            for (int i = 0; i < path.length - 1 && node instanceof ObjectNode; i++) {
                node = ((ObjectNode) node).has(path[i]) ? node.get(path[i]) : ((ObjectNode) node).putObject(path[i]);
            }
            if (node instanceof ObjectNode parent) {
                parent.put(path[path.length - 1], example.getValue());
            }
        }
    }
}
