package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code .ipynb} document (nbformat 4, as Jupyter, JupyterLab and VS Code save it). A cell's
 * {@code source} may be one string or a list of lines, and outputs are ignored.
 */
public final class NotebookReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookReader() {}

    /**
     * The notebook in the JSON text.
     *
     * @throws NotebookConversionException when the text is not JSON or not an nbformat 4 notebook
     */
    public static Notebook read(String json) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            // Jackson's "(for Array starting at [Source: ...])" repeats the whole document: the position says enough.
            String problem = e.getOriginalMessage().split(" \\(for ", 2)[0];
            throw new NotebookConversionException("Not a notebook: the file is not valid JSON (" + problem + where + ")");
        }
        if (root == null || !root.isObject()) {
            throw new NotebookConversionException("Not a notebook: the JSON document is not an object");
        }
        JsonNode format = root.get("nbformat");
        if (format != null && format.isInt() && format.intValue() < 4) {
            throw new NotebookConversionException("Not supported: nbformat " + format.intValue()
                    + " notebook; open and save it with Jupyter 4 or later (nbformat 4)");
        }
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new NotebookConversionException("Not a notebook: there is no \"cells\" list");
        }
        List<NotebookCell> read = new ArrayList<>();
        for (int index = 0; index < cells.size(); index++) {
            read.add(cell(index + 1, cells.get(index)));
        }
        return new Notebook(read);
    }

    private static NotebookCell cell(int number, JsonNode cell) {
        if (!cell.isObject()) {
            throw new NotebookConversionException("Cell " + number + ": not a JSON object");
        }
        JsonNode typeNode = cell.get("cell_type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new NotebookConversionException("Cell " + number + ": no \"cell_type\"");
        }
        CellType type = CellType.fromJsonName(typeNode.textValue())
                .orElseThrow(() -> new NotebookConversionException("Cell " + number + ": unknown cell_type \"" + typeNode.textValue()
                        + "\" (nbformat 4 has code, markdown and raw)"));
        return new NotebookCell(number, type, source(number, cell.get("source")));
    }

    private static String source(int number, JsonNode source) {
        if (source == null || source.isNull()) {
            return "";
        }
        if (source.isTextual()) {
            return source.textValue();
        }
        if (source.isArray()) {
            // nbformat's multiline strings: each item keeps its own line break, so they join with nothing.
            StringBuilder joined = new StringBuilder();
            for (JsonNode line : source) {
                if (!line.isTextual()) {
                    throw new NotebookConversionException("Cell " + number + ": \"source\" holds a " + line.getNodeType().toString().toLowerCase()
                            + " where a line of text belongs");
                }
                joined.append(line.textValue());
            }
            return joined.toString();
        }
        throw new NotebookConversionException("Cell " + number + ": \"source\" is neither text nor a list of lines");
    }
}
