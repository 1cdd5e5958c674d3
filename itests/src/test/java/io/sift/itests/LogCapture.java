package io.sift.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Collects the framework's log entries from now on, and echoes them to the test output. */
public final class LogCapture implements LogListener, AutoCloseable {

    private final LogReaderService reader;
    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();

    public LogCapture(LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        entries.add(entry);
        if (entry.getMessage().startsWith("ServiceEvent") || entry.getMessage().startsWith("BundleEvent")) {
            return; // the framework's own events: noise in the test output
        }
        System.out.println("[log " + entry.getLogLevel() + "] " + entry.getBundle().getSymbolicName() + ": "
                + entry.getMessage());
    }

    public LogEntry await(Duration timeout, String what, Predicate<LogEntry> match) throws InterruptedException {
        Await.until(timeout, what, () -> entries.stream().anyMatch(match));
        return entries.stream().filter(match).findFirst().orElseThrow();
    }

    public long count(Predicate<LogEntry> match) {
        return entries.stream().filter(match).count();
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
    }
}
