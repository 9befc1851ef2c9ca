package dev.epoxy.server.driver;

import dev.epoxy.driver.protocol.DriverMessage;

/** Receives what one session's driver sends over the link; called from that connection's thread. */
interface LinkEndpoint {
    /** The driver authenticated; {@code connection} replaces any earlier one. */
    void connected(DriverConnection connection, DriverMessage.Hello hello);

    void received(DriverConnection connection, DriverMessage message);

    /** The connection ended; the driver may connect again. */
    void disconnected(DriverConnection connection);
}
