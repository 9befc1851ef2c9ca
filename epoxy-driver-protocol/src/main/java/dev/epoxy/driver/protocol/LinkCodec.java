package dev.epoxy.driver.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The link's wire format: one JSON object per line, UTF-8, {@code \n}-terminated, with a {@code type}
 * member naming the message. Members whose value is null are left out; unknown members are ignored,
 * so that a newer peer can add members without breaking an older one.
 *
 * <p>Thread-safe.
 */
public final class LinkCodec {
    /** Largest line accepted before a driver has authenticated with {@link DriverMessage.Hello}. */
    public static final int MAX_HELLO_LINE_BYTES = 64 * 1024;

    /** Largest line accepted on an authenticated link (statement code, bounded statement output). */
    public static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter DRIVER_WRITER = MAPPER.writerFor(DriverMessage.class);
    private static final ObjectWriter SERVER_WRITER = MAPPER.writerFor(ServerMessage.class);
    private static final ObjectReader DRIVER_READER = MAPPER.readerFor(DriverMessage.class);
    private static final ObjectReader SERVER_READER = MAPPER.readerFor(ServerMessage.class);

    private LinkCodec() {}

    /** The message as one line, including the terminating {@code \n}. */
    public static String encode(DriverMessage message) {
        requireNonNull(message, "message is null");
        try {
            return DRIVER_WRITER.writeValueAsString(message) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new LinkProtocolException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The message as one line, including the terminating {@code \n}. */
    public static String encode(ServerMessage message) {
        requireNonNull(message, "message is null");
        try {
            return SERVER_WRITER.writeValueAsString(message) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new LinkProtocolException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws LinkProtocolException when the line is not a known driver message */
    public static DriverMessage decodeDriverMessage(String line) {
        requireNonNull(line, "line is null");
        try {
            return DRIVER_READER.readValue(line);
        }
        catch (IOException e) {
            throw new LinkProtocolException("Not a driver message: " + abbreviate(line), e);
        }
    }

    /** @throws LinkProtocolException when the line is not a known server message */
    public static ServerMessage decodeServerMessage(String line) {
        requireNonNull(line, "line is null");
        try {
            return SERVER_READER.readValue(line);
        }
        catch (IOException e) {
            throw new LinkProtocolException("Not a server message: " + abbreviate(line), e);
        }
    }

    /**
     * Reads one line (without its terminator) from an unbuffered-safe stream; the caller should pass a
     * buffered stream. Empty when the stream ended before any byte of a new line.
     *
     * @throws LinkProtocolException when the line is longer than {@code maxBytes} or the stream ends
     *     in the middle of a line
     */
    public static Optional<String> readLine(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            int next = in.read();
            if (next == -1) {
                if (line.size() == 0) {
                    return Optional.empty();
                }
                throw new LinkProtocolException("The link ended in the middle of a message");
            }
            if (next == '\n') {
                return Optional.of(line.toString(UTF_8));
            }
            if (line.size() >= maxBytes) {
                throw new LinkProtocolException("A message on the link is longer than " + maxBytes + " bytes");
            }
            line.write(next);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
