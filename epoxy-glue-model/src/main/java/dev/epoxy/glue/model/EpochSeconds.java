package dev.epoxy.glue.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON protocol's {@code timestamp}: epoch seconds as a JSON number with a fraction
 * ({@code 1602873931.255}). Reading also accepts ISO-8601 strings, as botocore does.
 */
public final class EpochSeconds {
    private EpochSeconds() {}

    /** Epoch seconds with millisecond precision, written exactly (no floating-point rounding). */
    public static BigDecimal of(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** Writes an {@link Instant} as epoch seconds. */
    public static final class Serializer extends StdSerializer<Instant> {
        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(of(value));
        }
    }

    /** Reads epoch seconds (number) or an ISO-8601 string into an {@link Instant}. */
    public static final class Deserializer extends StdDeserializer<Instant> {
        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Instant.parse(parser.getText());
                }
                catch (DateTimeParseException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(), "not an ISO-8601 timestamp");
                }
            }
            if (parser.currentToken().isNumeric()) {
                BigDecimal seconds = parser.getDecimalValue();
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
    }
}
