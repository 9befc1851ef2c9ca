package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A notebook as a Glue job: the script's text, the job's definition, and the magics that were dropped (by name,
 * e.g. {@code %idle_timeout}, in notebook order, each once).
 */
public record ConvertedNotebook(String script, JobDefinition job, List<String> droppedMagics) {
    public ConvertedNotebook {
        requireNonNull(script, "script is null");
        requireNonNull(job, "job is null");
        droppedMagics = List.copyOf(requireNonNull(droppedMagics, "droppedMagics is null"));
    }
}
