package dev.epoxy.glue.record;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Optional;

/**
 * One input record on its way into a frame: either a value (a map of plain Java objects, see
 * {@link RecordTypes}) or a failure that becomes an error record. {@code input} is the raw text the
 * record came from and {@code source} where it came from (a file; may be null), both kept in the
 * error record.
 */
public record ParsedRecord(Object value, String error, Throwable cause, String input, String source) implements Serializable {
    /** The error message; empty for a good record. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(error);
    }

    public static ParsedRecord of(Object value) {
        return new ParsedRecord(value, null, null, null, null);
    }

    public static ParsedRecord error(String message, Throwable cause, String input, Object partialValue) {
        return new ParsedRecord(partialValue, requireNonNull(message, "message is null"), cause, input, null);
    }

    /** The same record, naming where it came from (a file); kept in error records. */
    public ParsedRecord withSource(String newSource) {
        return new ParsedRecord(value, error, cause, input, newSource);
    }

    public boolean isError() {
        return error != null;
    }
}
