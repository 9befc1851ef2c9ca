package dev.epoxy.core.job;

/**
 * Reads a stored job document (core has no JSON library; the server has the model) into its typed
 * view, through {@link JobDefinition#builder}.
 */
@FunctionalInterface
public interface JobDefinitionParser {
    /** @throws dev.epoxy.core.EpoxyException {@code INVALID_INPUT} when the document breaks one of Glue's rules */
    JobDefinition parse(String name, String document);
}
