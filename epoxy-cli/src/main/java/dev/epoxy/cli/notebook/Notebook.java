package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A notebook's cells in order. */
public record Notebook(List<NotebookCell> cells) {
    public Notebook {
        cells = List.copyOf(requireNonNull(cells, "cells is null"));
    }
}
