package dev.epoxy.cli.notebook;

import static java.util.Objects.requireNonNull;

/**
 * What one magic became in the job: a job setting, or nothing. {@code note} is said next to the magic in the
 * script's comment, e.g. {@code job setting GlueVersion} or {@code dropped: sessions only}.
 */
record MagicOutcome(String magic, String note, boolean dropped) {
    MagicOutcome {
        requireNonNull(magic, "magic is null");
        requireNonNull(note, "note is null");
    }

    static MagicOutcome setting(String magic, String member) {
        return new MagicOutcome(magic, "job setting " + member, false);
    }

    static MagicOutcome dropped(String magic, String why) {
        return new MagicOutcome(magic, "dropped: " + why, true);
    }
}
