package dev.epoxy.driver.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Messages the server sends to a session driver over the driver's link. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerMessage.RunStatement.class, name = "run_statement"),
    @JsonSubTypes.Type(value = ServerMessage.CancelStatement.class, name = "cancel_statement"),
    @JsonSubTypes.Type(value = ServerMessage.Shutdown.class, name = "shutdown"),
    @JsonSubTypes.Type(value = ServerMessage.Refused.class, name = "refused"),
})
public sealed interface ServerMessage {
    /** The server accepted the driver's {@link DriverMessage.Hello}. */
    record Welcome() implements ServerMessage {}

    record RunStatement(int statementId, String code) implements ServerMessage {}

    record CancelStatement(int statementId) implements ServerMessage {}

    /** Stop the SparkContext and exit. */
    record Shutdown() implements ServerMessage {}

    /**
     * The server will never accept this driver (unknown or finished session, wrong token, other
     * protocol version): the driver exits instead of reconnecting.
     */
    record Refused(String reason) implements ServerMessage {}
}
