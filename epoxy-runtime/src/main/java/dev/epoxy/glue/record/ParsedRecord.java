package dev.epoxy.glue.record;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One input record on its way into a frame: either a value (a map of plain Java objects, see
 * {@link RecordTypes}) or a failure that becomes an error record. {@code input} is the raw text the
 * record came from and {@code source} where it came from (a file; may be null), both kept in the
 * error record.
 */
public record ParsedRecord(Object value, Optional<String> errorMessage, Throwable cause, String input, String source) {
    public ParsedRecord {
        requireNonNull(errorMessage, "errorMessage is null");
    }

    public static ParsedRecord of(Object value) {
        return new ParsedRecord(value, Optional.empty(), null, null, null);
    }

    public static ParsedRecord error(String message, Throwable cause, String input, Object partialValue) {
        return new ParsedRecord(partialValue, Optional.of(message), cause, input, null);
    }

    /** The same record, naming where it came from (a file); kept in error records. */
    public ParsedRecord withSource(String newSource) {
        return new ParsedRecord(value, errorMessage, cause, input, newSource);
    }

    public boolean isError() {
        return errorMessage.isPresent();
    }
}
