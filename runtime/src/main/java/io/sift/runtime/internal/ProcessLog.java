package io.sift.runtime.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * The framework's log as one command shows it. The OSGi log service drops what a bundle's logger
 * logs below a warning unless its logger context says otherwise, so printing from info on is not
 * enough by itself: {@code --verbose} used to show the framework's own events and none of the
 * bundles' info lines (a login, a transfer offered again over another method, the block size an
 * in-band stream settled on). While a command prints from info, the root context lets info through.
 */
final class ProcessLog {

    private final LogReaderService reader;
    private final LoggerAdmin admin;

    ProcessLog(LogReaderService reader, LoggerAdmin admin) {
        this.reader = reader;
        this.admin = admin;
    }

    /** A command's view of the log; closing it puts the log back as it was. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /** Has {@code tail} follow the log, with the loggers' threshold lowered to what it prints. */
    Following follow(LogTail tail) {
        LoggerContext root = admin.getLoggerContext(null);
        Map<String, LogLevel> before = root.getLogLevels();
        // what is printed from a warning on passes the service's own threshold already
        boolean lowered = tail.printFrom().filter(level -> !LogLevel.WARN.implies(level))
                .map(level -> lower(root, before, level)).orElse(false);
        reader.addLogListener(tail);
        return () -> {
            reader.removeLogListener(tail);
            if (lowered) {
                root.setLogLevels(before);
            }
        };
    }

    /** Lowers the root logger's level to {@code level} unless it is set at least that low already. */
    private static boolean lower(LoggerContext root, Map<String, LogLevel> before, LogLevel level) {
        LogLevel current = before.get(Logger.ROOT_LOGGER_NAME);
        if (current != null && current.implies(level)) {
            return false;
        }
        Map<String, LogLevel> levels = new HashMap<>(before);
        levels.put(Logger.ROOT_LOGGER_NAME, level);
        root.setLogLevels(levels);
        return true;
    }
}
