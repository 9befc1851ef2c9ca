package dev.epoxy.driver.protocol;

/** Constants of the driver link: newline-delimited JSON over TCP, driver-initiated. */
public final class LinkProtocol {
    public static final int VERSION = 1;

    /** Environment variable that carries the driver's secret (never on the command line). */
    public static final String TOKEN_ENVIRONMENT_VARIABLE = "EPOXY_DRIVER_TOKEN";

    private LinkProtocol() {}
}
