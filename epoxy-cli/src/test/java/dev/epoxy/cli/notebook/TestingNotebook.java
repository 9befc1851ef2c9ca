package dev.epoxy.cli.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds {@code .ipynb} JSON the way Jupyter saves it (nbformat 4.5): each cell with an id and metadata, code cells
 * with an execution count and outputs, and sources as lists of lines that keep their line breaks, or, with
 * {@link #sourceAsString()}, as one string (which nbformat also allows).
 */
final class TestingNotebook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode cells = root.putArray("cells");
    private boolean sourceAsString;
    private int executionCount;

    private TestingNotebook() {
        ObjectNode kernelspec = root.putObject("metadata").putObject("kernelspec");
        kernelspec.put("display_name", "Glue PySpark");
        kernelspec.put("language", "python");
        kernelspec.put("name", "glue_pyspark");
        root.put("nbformat", 4);
        root.put("nbformat_minor", 5);
    }

    static TestingNotebook notebook() {
        return new TestingNotebook();
    }

    /** Later cells get their source as one string. */
    TestingNotebook sourceAsString() {
        sourceAsString = true;
        return this;
    }

    TestingNotebook code(String source) {
        ObjectNode cell = cell("code", source);
        cell.put("execution_count", ++executionCount);
        ObjectNode output = cell.putArray("outputs").addObject();
        output.put("name", "stdout");
        output.put("output_type", "stream");
        // Outputs must not matter: this one even looks like a magic.
        output.putArray("text").add("%glue_version 9.9\n").add("output of cell " + executionCount + "\n");
        return this;
    }

    TestingNotebook markdown(String source) {
        cell("markdown", source);
        return this;
    }

    TestingNotebook raw(String source) {
        cell("raw", source);
        return this;
    }

    String json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode cell(String type, String source) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", type);
        cell.put("id", type + "-" + cells.size());
        cell.putObject("metadata");
        if (sourceAsString) {
            cell.put("source", source);
        }
        else {
            ArrayNode lines = cell.putArray("source");
            int start = 0;
            while (start < source.length()) {
                int end = source.indexOf('\n', start);
                end = end < 0 ? source.length() : end + 1;
                lines.add(source.substring(start, end));
                start = end;
            }
        }
        return cell;
    }
}
