package dev.epoxy.cli.notebook;

import static dev.epoxy.cli.notebook.TestingNotebook.notebook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestNotebookReader {
    @Test
    void cellsInOrderWithTheirTypesAndSources() {
        Notebook read = NotebookReader.read(notebook().markdown("# Title\ntext").code("x = 1\ny = 2\n").raw("raw").json());

        assertThat(read.cells()).containsExactly(
                new NotebookCell(1, CellType.MARKDOWN, "# Title\ntext"),
                new NotebookCell(2, CellType.CODE, "x = 1\ny = 2\n"),
                new NotebookCell(3, CellType.RAW, "raw"));
    }

    @Test
    void sourceMayBeOneString() {
        Notebook read = NotebookReader.read(notebook().sourceAsString().code("x = 1\ny = 2").json());

        assertThat(read.cells()).containsExactly(new NotebookCell(1, CellType.CODE, "x = 1\ny = 2"));
    }

    @Test
    void missingOrEmptySourceIsAnEmptyCell() {
        Notebook read = NotebookReader.read("""
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": []},
                  {"cell_type": "markdown", "metadata": {}}
                ]}""");

        assertThat(read.cells()).containsExactly(new NotebookCell(1, CellType.CODE, ""), new NotebookCell(2, CellType.MARKDOWN, ""));
        assertThat(read.cells().get(0).lines()).isEmpty();
    }

    @Test
    void linesDropOnlyTheFinalLineBreak() {
        assertThat(new NotebookCell(1, CellType.CODE, "a\n\nb\n").lines()).isEqualTo(List.of("a", "", "b"));
        assertThat(new NotebookCell(1, CellType.CODE, "a\r\nb\rc").lines()).isEqualTo(List.of("a", "b", "c"));
        assertThat(new NotebookCell(1, CellType.CODE, "a\n\n").lines()).isEqualTo(List.of("a", ""));
    }

    @Test
    void notJson() {
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [}"))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Not a notebook: the file is not valid JSON (Unexpected close marker '}': expected ']' at line 1, column 13)");
    }

    @Test
    void notANotebook() {
        assertThatThrownBy(() -> NotebookReader.read("[1, 2]")).hasMessage("Not a notebook: the JSON document is not an object");
        assertThatThrownBy(() -> NotebookReader.read("{\"nbformat\": 4}")).hasMessage("Not a notebook: there is no \"cells\" list");
        assertThatThrownBy(() -> NotebookReader.read("{\"nbformat\": 3, \"worksheets\": []}"))
                .hasMessage("Not supported: nbformat 3 notebook; open and save it with Jupyter 4 or later (nbformat 4)");
    }

    @Test
    void badCellsAreNamed() {
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\"}, {\"cell_type\": \"heading\"}]}"))
                .hasMessage("Cell 2: unknown cell_type \"heading\" (nbformat 4 has code, markdown and raw)");
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [{\"source\": \"x\"}]}")).hasMessage("Cell 1: no \"cell_type\"");
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"x\", 1]}]}"))
                .hasMessage("Cell 1: \"source\" holds a number where a line of text belongs");
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [{\"cell_type\": \"code\", \"source\": {}}]}"))
                .hasMessage("Cell 1: \"source\" is neither text nor a list of lines");
        assertThatThrownBy(() -> NotebookReader.read("{\"cells\": [7]}")).hasMessage("Cell 1: not a JSON object");
    }
}
