package dev.epoxy.glue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The logger scripts get from {@code glueContext.get_logger()}; messages go to the driver log. */
public final class GlueLogger {
    private static final Logger LOG = LoggerFactory.getLogger("GlueLogger");

    // Called from Python via py4j
    public void info(String message) {
        LOG.info(message);
    }

    // Called from Python via py4j
    public void warn(String message) {
        LOG.warn(message);
    }

    // Called from Python via py4j
    public void error(String message) {
        LOG.error(message);
    }

    // Called from Python via py4j
    public void debug(String message) {
        LOG.debug(message);
    }
}
