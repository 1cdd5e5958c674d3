package io.sift.runtime.internal;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;

/**
 * Follows the framework's log: prints entries to the error stream when asked to (verbose mode, or
 * warnings in the interactive shell), and remembers the last warning of SIFT's bundles, which names
 * why an account is not online (refused login, unreachable server, bad configuration).
 */
final class LogTail implements LogListener {

    private final PrintStream err;
    private final LogLevel printFrom;
    private final AtomicReference<String> lastSiftProblem = new AtomicReference<>();

    /** @param printFrom the least severe level that is printed; null prints nothing */
    LogTail(PrintStream err, LogLevel printFrom) {
        this.err = err;
        this.printFrom = printFrom;
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        String bundle = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        if (bundle != null && bundle.startsWith("io.sift.") && LogLevel.WARN.implies(level)) {
            lastSiftProblem.set(entry.getMessage());
        }
        if (printFrom != null && printFrom.implies(level)) {
            err.println("[" + level + "] " + bundle + ": " + entry.getMessage()
                    + (entry.getException() == null ? "" : " (" + entry.getException() + ")"));
        }
    }

    /** The least severe level printed, if any is. */
    Optional<LogLevel> printFrom() {
        return Optional.ofNullable(printFrom);
    }

    /** The message of the last warning or error a SIFT bundle logged, if any. */
    Optional<String> lastSiftProblem() {
        return Optional.ofNullable(lastSiftProblem.get());
    }
}
