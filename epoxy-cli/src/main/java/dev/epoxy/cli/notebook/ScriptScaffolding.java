package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a notebook's code needs around it to be a job script: the imports, {@code getResolvedOptions},
 * the Spark and Glue contexts a session predefines, {@code Job.init} and {@code job.commit()}. Each is added only
 * when the notebook does not do it already, and only where what it uses exists: {@code job.init} goes after the
 * chunk that makes the notebook's own GlueContext or reads its own arguments, and an import counts only if the
 * notebook runs it before the line that needs it.
 *
 * @param header lines before the notebook's first chunk
 * @param afterChunk lines after the chunk with that index (0 for the first)
 * @param footer lines after the last chunk
 */
record ScriptScaffolding(List<String> header, Map<Integer, List<String>> afterChunk, List<String> footer) {
    private static final int HEADER = -1;

    ScriptScaffolding {
        header = List.copyOf(header);
        afterChunk = Map.copyOf(afterChunk);
        footer = List.copyOf(footer);
    }

    /** The scaffolding for the notebook's code chunks (one per code cell, in order). */
    static ScriptScaffolding plan(List<String> chunks) {
        requireNonNull(chunks, "chunks is null");
        List<String> skeletons = chunks.stream().map(PythonSkeleton::of).toList();
        return new Planner(skeletons).plan();
    }

    private static final class Planner {
        private final List<String> chunks;
        private final Set<Import> headerImports = new LinkedHashSet<>();
        private final List<String> headerLines = new ArrayList<>();
        private final Map<Integer, List<String>> inserted = new TreeMap<>();
        private final List<String> footer = new ArrayList<>();

        Planner(List<String> chunks) {
            this.chunks = chunks;
        }

        ScriptScaffolding plan() {
            // The job's arguments: the notebook's own getResolvedOptions, or one added at the top.
            Optional<Binding> notebookArgs = firstBinding("(?:awsglue\\.utils\\.)?getResolvedOptions\\(");
            Binding args = notebookArgs.orElseGet(() -> {
                need(Import.SYS, HEADER);
                need(Import.GET_RESOLVED_OPTIONS, HEADER);
                headerLines.add("args = getResolvedOptions(sys.argv, ['JOB_NAME'])");
                return new Binding("args", HEADER);
            });

            // sc, glueContext and spark: a session predefines them, so notebook code may use them without creating them.
            boolean notebookSparkContext = assigns("sc");
            if (!notebookSparkContext) {
                need(Import.SPARK_CONTEXT, HEADER);
                headerLines.add("sc = SparkContext.getOrCreate()");
            }
            Optional<Binding> notebookGlueContext = firstBinding("(?:awsglue\\.context\\.)?GlueContext\\(")
                    .or(() -> firstAssignment("glueContext"));
            Binding glueContext = notebookGlueContext.orElseGet(() -> {
                need(Import.GLUE_CONTEXT, HEADER);
                if (notebookSparkContext) {
                    need(Import.SPARK_CONTEXT, HEADER);
                    headerLines.add("glueContext = GlueContext(SparkContext.getOrCreate())");
                }
                else {
                    headerLines.add("glueContext = GlueContext(sc)");
                }
                return new Binding("glueContext", HEADER);
            });
            if (!assigns("spark")) {
                if (glueContext.chunk() == HEADER) {
                    headerLines.add("spark = glueContext.spark_session");
                }
                else {
                    // The notebook makes its GlueContext later than its first use of spark may be: the same session, now.
                    need(Import.SPARK_SESSION, HEADER);
                    headerLines.add("spark = SparkSession.builder.getOrCreate()");
                }
            }

            // The Job: created and initialised once the GlueContext and the arguments exist.
            Optional<Binding> notebookJob = firstBinding("(?:awsglue\\.job\\.)?Job\\(");
            String job = notebookJob.map(Binding::name).orElse("job");
            List<String> jobLines = new ArrayList<>();
            int jobPoint;
            if (notebookJob.isEmpty()) {
                jobPoint = Math.max(glueContext.chunk(), args.chunk());
                need(Import.JOB, jobPoint);
                jobLines.add("job = Job(" + glueContext.name() + ")");
            }
            else {
                jobPoint = Math.max(notebookJob.get().chunk(), args.chunk());
            }
            if (!calls(job + ".init(")) {
                jobLines.add(job + ".init(" + args.name() + "['JOB_NAME'], " + args.name() + ")");
            }
            if (jobPoint == HEADER) {
                headerLines.addAll(jobLines);
            }
            else if (!jobLines.isEmpty()) {
                inserted.put(jobPoint, jobLines);
            }
            if (!calls(job + ".commit(")) {
                footer.add(job + ".commit()");
            }

            List<String> header = new ArrayList<>();
            headerImports.stream().sorted().forEach(i -> header.add(i.line));
            if (!header.isEmpty() && !headerLines.isEmpty()) {
                header.add("");
            }
            header.addAll(headerLines);
            return new ScriptScaffolding(header, inserted, footer);
        }

        /** The import must have run by {@code point} (the header, or after that chunk); if the notebook's has not, it goes in the header. */
        private void need(Import wanted, int point) {
            for (int chunk = 0; chunk <= point && chunk < chunks.size(); chunk++) {
                if (wanted.isIn(chunks.get(chunk))) {
                    return;
                }
            }
            headerImports.add(wanted);
        }

        private boolean assigns(String name) {
            return firstAssignment(name).isPresent();
        }

        private Optional<Binding> firstAssignment(String name) {
            Pattern assignment = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(name) + "[ \\t]*=(?!=)");
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                if (assignment.matcher(chunks.get(chunk)).find()) {
                    return Optional.of(new Binding(name, chunk));
                }
            }
            return Optional.empty();
        }

        /** The first {@code name = <call>} of the notebook. */
        private Optional<Binding> firstBinding(String call) {
            Pattern assignment = Pattern.compile("(?m)^[ \\t]*([A-Za-z_]\\w*)[ \\t]*=[ \\t]*" + call);
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                Matcher matcher = assignment.matcher(chunks.get(chunk));
                if (matcher.find()) {
                    return Optional.of(new Binding(matcher.group(1), chunk));
                }
            }
            return Optional.empty();
        }

        private boolean calls(String call) {
            Pattern pattern = Pattern.compile("(?<![\\w.])" + Pattern.quote(call));
            return chunks.stream().anyMatch(chunk -> pattern.matcher(chunk).find());
        }
    }

    /** A name the notebook (or the header, chunk -1) binds, and the chunk where it first does. */
    private record Binding(String name, int chunk) {}

    /** The imports the scaffolding may need, in the order a header lists them. */
    private enum Import {
        SYS("import sys", null, "sys"),
        GET_RESOLVED_OPTIONS("from awsglue.utils import getResolvedOptions", "awsglue\\.utils", "getResolvedOptions"),
        GLUE_CONTEXT("from awsglue.context import GlueContext", "awsglue\\.context", "GlueContext"),
        JOB("from awsglue.job import Job", "awsglue\\.job", "Job"),
        SPARK_CONTEXT("from pyspark.context import SparkContext", "pyspark(?:\\.context)?", "SparkContext"),
        SPARK_SESSION("from pyspark.sql import SparkSession", "pyspark\\.sql(?:\\.session)?", "SparkSession");

        private static final Pattern PLAIN_IMPORT = Pattern.compile("(?m)^[ \\t]*import[ \\t]+([^\\n;]+)");

        final String line;
        private final Pattern fromImport;
        private final String name;

        Import(String line, String module, String name) {
            this.line = line;
            this.fromImport = module == null ? null
                    : Pattern.compile("(?m)^[ \\t]*from[ \\t]+" + module + "[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n;]+)");
            this.name = name;
        }

        /** Whether the chunk binds the name: {@code from module import name}, {@code import *}, or {@code import sys}. */
        boolean isIn(String chunk) {
            Matcher matcher = (fromImport == null ? PLAIN_IMPORT : fromImport).matcher(chunk);
            while (matcher.find()) {
                for (String item : matcher.group(1).replaceAll("[()\\\\]", " ").split(",")) {
                    String[] words = item.strip().split("\\s+");
                    String bound = words.length == 3 && words[1].equals("as") ? words[2] : words[0];
                    // "import sys as system" binds system; "from m import *" binds every name.
                    if (bound.equals(name) || (fromImport != null && bound.equals("*"))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
