package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One cell of a notebook: its position (1 for the first cell, as a reader counts them in Jupyter), its type and
 * its source text. Outputs and metadata are not kept: they do not change what the cell runs.
 */
public record NotebookCell(int number, CellType type, String source) {
    public NotebookCell {
        if (number < 1) {
            throw new IllegalArgumentException("number must be positive: " + number);
        }
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
    }

    /** The source's lines, split the way the kernel splits a cell (a final line break adds no empty line). */
    public List<String> lines() {
        if (source.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(source.split("\r\n|\n|\r", -1));
        return lines.get(lines.size() - 1).isEmpty() ? lines.subList(0, lines.size() - 1) : lines;
    }
}
