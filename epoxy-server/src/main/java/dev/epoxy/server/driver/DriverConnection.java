package dev.epoxy.server.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.epoxy.driver.protocol.LinkCodec;
import dev.epoxy.driver.protocol.ServerMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One authenticated connection from a driver. Sends are thread-safe. */
final class DriverConnection {
    private final Socket socket;
    private final OutputStream out;

    DriverConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Writes the message; false when the connection is broken (the driver will reconnect). */
    boolean send(ServerMessage message) {
        byte[] line = LinkCodec.encode(message).getBytes(UTF_8);
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
                return true;
            }
            catch (IOException e) {
                close();
                return false;
            }
        }
    }

    void close() {
        try {
            socket.close();
        }
        catch (IOException e) {
            // already closed
        }
    }

    String remoteAddress() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }
}
