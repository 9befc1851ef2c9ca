package dev.epoxy.glue.record;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One input record on its way into a frame: either a value (a map of plain Java objects, see
 * {@link RecordTypes}) or a failure that becomes an error record. {@code input} is the raw text the
 * record came from, kept in the error record.
 */
public record ParsedRecord(Object value, Optional<String> errorMessage, Throwable cause, String input) {
    public ParsedRecord {
        requireNonNull(errorMessage, "errorMessage is null");
    }

    public static ParsedRecord of(Object value) {
        return new ParsedRecord(value, Optional.empty(), null, null);
    }

    public static ParsedRecord error(String message, Throwable cause, String input, Object partialValue) {
        return new ParsedRecord(partialValue, Optional.of(message), cause, input);
    }

    public boolean isError() {
        return errorMessage.isPresent();
    }
}
