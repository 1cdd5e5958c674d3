package io.sift.itests;

import java.util.Map;

import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;

/** The OSGi log keeps only warnings by default; the itests want SIFT's info lines too. */
public final class LogLevels {

    private LogLevels() {
    }

    public static void info(LoggerAdmin admin) {
        admin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.INFO));
    }

    /** Debug lines too, from the bundle whose logger context is named {@code context}. */
    public static void debug(LoggerAdmin admin, String context) {
        admin.getLoggerContext(context).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.DEBUG));
    }
}
