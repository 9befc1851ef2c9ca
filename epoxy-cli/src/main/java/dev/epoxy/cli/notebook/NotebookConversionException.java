package dev.epoxy.cli.notebook;

/**
 * The notebook cannot become a job: it is not a notebook, or a cell holds something a job cannot do. The
 * message names the cell (and the line in it) and what is wrong, in one line.
 */
public final class NotebookConversionException extends RuntimeException {
    public NotebookConversionException(String message) {
        super(message);
    }

    static NotebookConversionException inCell(NotebookCell cell, int line, String format, Object... args) {
        return new NotebookConversionException("Cell " + cell.number() + ", line " + line + ": " + String.format(format, args));
    }
}
