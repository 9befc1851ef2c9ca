package dev.epoxy.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A key that was renamed or removed. A renamed key keeps working and logs a warning; a removed key
 * stops startup with a pointer to what replaced it.
 *
 * @param replacement the new key for a renamed key
 * @param removalNote for a removed key, what to do instead
 */
public record LegacyKey(String name, Optional<String> replacement, Optional<String> removalNote) {
    public LegacyKey {
        requireNonNull(name, "name is null");
        requireNonNull(replacement, "replacement is null");
        requireNonNull(removalNote, "removalNote is null");
        if (replacement.isPresent() == removalNote.isPresent()) {
            throw new IllegalArgumentException("A legacy key is either renamed or removed: " + name);
        }
    }

    public static LegacyKey renamed(String oldName, String newName) {
        return new LegacyKey(oldName, Optional.of(newName), Optional.empty());
    }

    public static LegacyKey removed(String oldName, String note) {
        return new LegacyKey(oldName, Optional.empty(), Optional.of(note));
    }
}
