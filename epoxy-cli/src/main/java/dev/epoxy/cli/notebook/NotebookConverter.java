package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a notebook developed in an interactive session (the official Glue kernel's {@code .ipynb}) into a Glue job:
 * a script that runs the notebook's code in order, with the job scaffolding it lacks, and the job definition its
 * session magics describe. Pure: text in, text and values out.
 */
public final class NotebookConverter {
    private NotebookConverter() {}

    /**
     * Converts the {@code .ipynb} JSON text.
     *
     * @throws NotebookConversionException when the text is not a notebook, or a cell cannot become part of a job
     *         (an unknown magic, a malformed {@code %%configure}); the message names the cell
     */
    public static ConvertedNotebook convert(String notebookJson, ConversionTarget target) {
        return convert(NotebookReader.read(notebookJson), target);
    }

    /** Converts a notebook already read; see {@link #convert(String, ConversionTarget)}. */
    public static ConvertedNotebook convert(Notebook notebook, ConversionTarget target) {
        requireNonNull(notebook, "notebook is null");
        requireNonNull(target, "target is null");
        JobSettings settings = new JobSettings();
        List<MagicOutcome> outcomes = new ArrayList<>();
        List<TranslatedCell> cells = new ArrayList<>();
        List<String> chunks = new ArrayList<>();
        for (NotebookCell cell : notebook.cells()) {
            List<String> lines = CellTranslator.translate(cell, settings, outcomes);
            if (lines.stream().allMatch(String::isBlank)) {
                continue;
            }
            int chunk = cell.type() == CellType.CODE ? chunks.size() : -1;
            if (cell.type() == CellType.CODE) {
                chunks.add(String.join("\n", lines));
            }
            cells.add(new TranslatedCell(cell, chunk, lines));
        }
        JobDefinition job = settings.toDefinition(target);
        ScriptScaffolding scaffolding = ScriptScaffolding.plan(chunks);
        String script = script(target, cells, scaffolding);
        List<String> dropped = outcomes.stream().filter(MagicOutcome::dropped).map(MagicOutcome::magic).distinct().toList();
        return new ConvertedNotebook(script, job, dropped);
    }

    private static String script(ConversionTarget target, List<TranslatedCell> cells, ScriptScaffolding scaffolding) {
        List<String> out = new ArrayList<>();
        out.add("# Glue job " + target.jobName() + ", converted from the notebook " + target.notebookName() + " by ./epoxy notebook-to-job.");
        out.add("# The notebook's session magics became the job's settings (see the job definition); they stay here as comments.");
        out.add("# Lines under \"Added for the job\" make the notebook's code a job script; everything else is the notebook's.");
        if (!scaffolding.header().isEmpty()) {
            out.add("");
            out.add("# Added for the job:");
            out.addAll(scaffolding.header());
        }
        for (TranslatedCell cell : cells) {
            out.add("");
            out.add("# %% Cell " + cell.cell().number() + (cell.cell().type() == CellType.CODE ? "" : " [" + cell.cell().type().jsonName() + "]"));
            out.addAll(cell.lines());
            List<String> after = scaffolding.afterChunk().get(cell.chunk());
            if (after != null) {
                out.add("");
                out.add("# Added for the job:");
                out.addAll(after);
            }
        }
        if (!scaffolding.footer().isEmpty()) {
            out.add("");
            out.add("# Added for the job:");
            out.addAll(scaffolding.footer());
        }
        return String.join("\n", out) + "\n";
    }

    private record TranslatedCell(NotebookCell cell, int chunk, List<String> lines) {}
}
