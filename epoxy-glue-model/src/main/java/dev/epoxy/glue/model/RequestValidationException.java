package dev.epoxy.glue.model;

import static java.util.Objects.requireNonNull;

/**
 * A request that does not match the service model. {@link Kind#WRONG_TYPE} means the JSON does not have
 * the shape's type (AWS answers SerializationException); {@link Kind#CONSTRAINT} means a member broke a
 * constraint (AWS answers InvalidInputException). The message is in AWS's wording.
 */
public final class RequestValidationException extends RuntimeException {
    /** What kind of mismatch was found. */
    public enum Kind {
        WRONG_TYPE,
        CONSTRAINT
    }

    private final Kind kind;

    public RequestValidationException(Kind kind, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }
}
