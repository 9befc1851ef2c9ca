package dev.epoxy.cli.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One cell as lines of the job script. A code cell is read the way the kernel reads it
 * ({@code BaseKernel._execute_magics}): from the top, a line starting with {@code %%configure}, {@code %%sql},
 * {@code %%tags} or {@code %%assume_role} makes the rest of the cell that magic's body; other {@code %} and
 * {@code !} lines are magics and shell commands; comments and empty lines are kept; the first other line starts
 * the code, which runs as it is. Magics become comments saying what they became; the job's settings collect in
 * {@link JobSettings}.
 */
final class CellTranslator {
    private static final Set<String> CELL_MAGICS = Set.of("%%configure", "%%sql", "%%tags", "%%assume_role");
    private static final String SHELL = "a shell command on the notebook's machine, not in the session";

    private CellTranslator() {}

    /** The cell's script lines (for code cells, the code chunk the scaffolding looks at). */
    static List<String> translate(NotebookCell cell, JobSettings settings, List<MagicOutcome> outcomes) {
        return switch (cell.type()) {
            case CODE -> code(cell, settings, outcomes);
            case MARKDOWN, RAW -> cell.lines().stream().map(line -> line.isEmpty() ? "#" : "# " + line).toList();
        };
    }

    private static List<String> code(NotebookCell cell, JobSettings settings, List<MagicOutcome> outcomes) {
        List<String> lines = cell.lines();
        List<String> script = new ArrayList<>();
        int index = 0;
        for (; index < lines.size(); index++) {
            String line = lines.get(index);
            int lineNumber = index + 1;
            String cellMagic = cellMagicOf(line);
            if (cellMagic != null) {
                cellMagic(cell, lineNumber, cellMagic, line, lines.subList(index + 1, lines.size()), settings, outcomes, script);
                return script;
            }
            if (line.startsWith("%%")) {
                throw NotebookConversionException.inCell(cell, lineNumber, "unknown cell magic %s (the Glue kernel has %%%%configure, %%%%sql, "
                        + "%%%%tags and %%%%assume_role)", line.split("\\s+", 2)[0]);
            }
            if (line.startsWith("%")) {
                MagicOutcome outcome = LineMagics.apply(cell, lineNumber, line, settings);
                outcomes.add(outcome);
                script.add(comment(line, outcome.note()));
            }
            else if (line.startsWith("!")) {
                script.add(shell(line, outcomes));
            }
            else if (line.startsWith("#") || line.isEmpty()) {
                script.add(line);
            }
            else {
                break;
            }
        }
        for (; index < lines.size(); index++) {
            script.add(codeLine(cell, index + 1, lines.get(index), outcomes));
        }
        return script;
    }

    /** A line after the first line of code: sent to the session as it is, except what only a notebook can show. */
    private static String codeLine(NotebookCell cell, int lineNumber, String line, List<MagicOutcome> outcomes) {
        String stripped = line.stripLeading();
        if (stripped.startsWith("%matplot") || stripped.startsWith("%plotly")) {
            MagicOutcome outcome = MagicOutcome.dropped(stripped.split("\\s+", 2)[0], "a job has no notebook to show a figure in");
            outcomes.add(outcome);
            String note = outcome.note();
            String indent = line.substring(0, line.length() - stripped.length());
            // Indented, the line may be a block's only statement: pass keeps the block valid.
            return indent.isEmpty() ? comment(line, note) : indent + "pass  # " + stripped + "  (" + note + ")";
        }
        if (line.startsWith("!")) {
            return shell(line, outcomes);
        }
        if (line.startsWith("%")) {
            throw NotebookConversionException.inCell(cell, lineNumber, "%s comes after code; the kernel runs magics only at the top of a "
                    + "cell, so the session ran it as Python (a syntax error): move it up or remove it", line.split("\\s+", 2)[0]);
        }
        return line;
    }

    private static String shell(String line, List<MagicOutcome> outcomes) {
        MagicOutcome outcome = MagicOutcome.dropped("!" + line.substring(1).strip().split("\\s+", 2)[0], SHELL);
        outcomes.add(outcome);
        return comment(line, outcome.note());
    }

    private static void cellMagic(NotebookCell cell, int lineNumber, String magic, String line, List<String> body, JobSettings settings,
            List<MagicOutcome> outcomes, List<String> script) {
        String text = String.join("\n", body);
        int bodyLine = lineNumber + 1;
        switch (magic) {
            case "%%sql" -> {
                // The kernel sends spark.sql("""<the rest of the cell, right-stripped>""").show().
                String sql = text.stripTrailing();
                if (sql.isBlank()) {
                    MagicOutcome outcome = MagicOutcome.dropped(magic, "the cell has no SQL");
                    outcomes.add(outcome);
                    script.add(cellMagicComment(line, outcome.note()));
                    return;
                }
                script.add(cellMagicComment(line, "the SQL runs with spark.sql"));
                script.add("spark.sql(\"\"\"" + escapeForTripleQuotes(sql) + "\"\"\").show()");
            }
            case "%%configure", "%%tags" -> {
                MagicOutcome outcome = magic.equals("%%configure")
                        ? CellMagics.configure(cell, bodyLine, text, settings)
                        : CellMagics.tags(cell, bodyLine, text, settings);
                outcomes.add(outcome);
                script.add(cellMagicComment(line, outcome.note()));
                body.forEach(bodyText -> script.add(bodyText.isEmpty() ? "#" : "# " + bodyText));
            }
            case "%%assume_role" -> {
                // The body may hold credentials: it is not copied into the script.
                MagicOutcome outcome = MagicOutcome.dropped(magic, "the job runs with its Role; the cell's role or keys are not copied");
                outcomes.add(outcome);
                script.add(cellMagicComment(line, outcome.note()));
            }
            default -> throw new IllegalStateException("not a cell magic: " + magic);
        }
    }

    /** The kernel's test is {@code line.startswith(magic)}, so {@code %%sql show} is {@code %%sql} too. */
    private static String cellMagicOf(String line) {
        for (String magic : CELL_MAGICS) {
            if (line.startsWith(magic)) {
                return magic;
            }
        }
        return null;
    }

    /**
     * The SQL as the body of a {@code """…"""} literal with the same value: a run of three or more quotes, and quotes
     * at the very end, are escaped; nothing else changes (backslashes mean what they meant in the session).
     */
    static String escapeForTripleQuotes(String sql) {
        StringBuilder escaped = new StringBuilder(sql.length());
        int position = 0;
        while (position < sql.length()) {
            if (sql.charAt(position) != '"') {
                escaped.append(sql.charAt(position++));
                continue;
            }
            int end = position;
            while (end < sql.length() && sql.charAt(end) == '"') {
                end++;
            }
            boolean escape = end - position >= 3 || end == sql.length();
            escaped.append((escape ? "\\\"" : "\"").repeat(end - position));
            position = end;
        }
        return escaped.toString();
    }

    private static String comment(String line, String note) {
        return "# " + line + "  (" + note + ")";
    }

    /** Not "# %%sql": editors (VS Code, Jupytext) would take a comment starting with "# %%" for a cell marker. */
    private static String cellMagicComment(String line, String note) {
        return "# cell magic " + line + "  (" + note + ")";
    }
}
