package dev.epoxy.driver.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestLinkCodec {
    @Test
    void everyDriverMessageSurvivesARoundTrip() {
        List<DriverMessage> messages = List.of(
                new DriverMessage.Hello(LinkProtocol.VERSION, "session-1", "secret", 4242, null),
                new DriverMessage.Hello(LinkProtocol.VERSION, "session-1", "secret", 4242, 7),
                new DriverMessage.Ready("http://127.0.0.1:4040", "local-1700000000000"),
                new DriverMessage.Ready(null, "local-1"),
                new DriverMessage.StatementStarted(3, 1_700_000_000_123L),
                new DriverMessage.StatementProgress(3, 0.25),
                new DriverMessage.StatementFinished(3, "AVAILABLE", new DriverMessage.Output("ok", 3, "hello\nworld", null, null, List.of()), 99L),
                new DriverMessage.StatementFinished(4, "AVAILABLE", new DriverMessage.Output("error", 4, "", "ZeroDivisionError", "division by zero", List.of("Traceback\n", "  line\n")), 99L),
                new DriverMessage.StatementFinished(5, "AVAILABLE", new DriverMessage.Output("ok", 5, "plotted", null, null, List.of(),
                        new DriverMessage.Display("image/png;base64", "iVBORw0KGgo=")), 99L),
                new DriverMessage.StatementFinished(5, "CANCELLED", null, 100L),
                new DriverMessage.Failed("The Python interpreter exited with code 1 while running statement 5"));
        for (DriverMessage message : messages) {
            String line = LinkCodec.encode(message);
            assertThat(line).endsWith("\n");
            assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
            assertThat(LinkCodec.decodeDriverMessage(line.strip())).isEqualTo(message);
        }
    }

    @Test
    void everyServerMessageSurvivesARoundTrip() {
        List<ServerMessage> messages = List.of(
                new ServerMessage.Welcome(),
                new ServerMessage.RunStatement(1, "print('a')\nx = \"é\\n\""),
                new ServerMessage.CancelStatement(1),
                new ServerMessage.Shutdown());
        for (ServerMessage message : messages) {
            String line = LinkCodec.encode(message);
            assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
            assertThat(LinkCodec.decodeServerMessage(line)).isEqualTo(message);
        }
    }

    @Test
    void messagesCarryTheirTypeNameAndLeaveOutNulls() {
        assertThat(LinkCodec.encode(new DriverMessage.Hello(1, "s", "t", 12, null)))
                .isEqualTo("{\"type\":\"hello\",\"protocolVersion\":1,\"sessionId\":\"s\",\"token\":\"t\",\"pid\":12}\n");
        assertThat(LinkCodec.encode(new ServerMessage.CancelStatement(9))).isEqualTo("{\"type\":\"cancel_statement\",\"statementId\":9}\n");
    }

    @Test
    void unknownMembersAreIgnored() {
        assertThat(LinkCodec.decodeServerMessage("{\"type\":\"cancel_statement\",\"statementId\":9,\"reason\":\"later\"}"))
                .isEqualTo(new ServerMessage.CancelStatement(9));
    }

    @Test
    void unknownTypeIsRejectedWithTheLine() {
        assertThatThrownBy(() -> LinkCodec.decodeDriverMessage("{\"type\":\"launch_missiles\"}"))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("Not a driver message: {\"type\":\"launch_missiles\"}");
        assertThatThrownBy(() -> LinkCodec.decodeServerMessage("not json"))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("Not a server message: not json");
    }

    @Test
    void readLineSplitsOnNewlinesAndReportsTheEnd() throws IOException {
        InputStream in = new ByteArrayInputStream("first\nsécond\n".getBytes(UTF_8));
        assertThat(LinkCodec.readLine(in, 100)).contains("first");
        assertThat(LinkCodec.readLine(in, 100)).contains("sécond");
        assertThat(LinkCodec.readLine(in, 100)).isEqualTo(Optional.empty());
    }

    @Test
    void readLineRejectsOverlongAndUnterminatedLines() {
        assertThatThrownBy(() -> LinkCodec.readLine(new ByteArrayInputStream("abcdef\n".getBytes(UTF_8)), 5))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("A message on the link is longer than 5 bytes");
        assertThatThrownBy(() -> LinkCodec.readLine(new ByteArrayInputStream("abc".getBytes(UTF_8)), 5))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("The link ended in the middle of a message");
    }
}
