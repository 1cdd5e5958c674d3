package io.sift.runtime.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Keeps what libraries print by themselves out of the command line's output. The runnable jar is
 * the whole process, so this bundle owns the process-wide settings involved; it starts before the
 * libraries do.
 * <ul>
 * <li>SPI Fly announces every provider it registers through java.util.logging on the console: only
 * its warnings show; of Smack, jxmpp and MiniDNS only errors. The loggers are held here because java.util.logging forgets the level of a
 * logger nobody references.</li>
 * <li>Smack's shared reactor thread outlives the framework by a moment at exit; a timer firing then
 * cannot load its classes from the stopped bundle and would print a stack trace. Uncaught errors
 * are reported in one line, and not at all once the framework is stopping.</li>
 * </ul>
 */
@Component(service = {})
public final class ProcessQuirks {

    static final List<String> QUIET_LOGGERS = List.of("org.apache.aries.spifly");

    /**
     * Smack warns on the console about what happens as its connections close with the framework
     * (presences arriving before the roster loaded, ...): noise on the error stream, where the command
     * line's one-line reasons go. Its errors still show.
     */
    static final List<String> ERRORS_ONLY_LOGGERS = List.of("org.jivesoftware", "org.jxmpp", "org.minidns");

    private final List<Logger> quieted;
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            Charset.defaultCharset());
    private volatile boolean stopping;

    @Activate
    public ProcessQuirks() {
        List<Logger> warnings = QUIET_LOGGERS.stream().map(Logger::getLogger).toList();
        List<Logger> errors = ERRORS_ONLY_LOGGERS.stream().map(Logger::getLogger).toList();
        warnings.forEach(logger -> logger.setLevel(Level.WARNING));
        errors.forEach(logger -> logger.setLevel(Level.SEVERE));
        quieted = java.util.stream.Stream.concat(warnings.stream(), errors.stream()).toList();
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    }

    @Deactivate
    void deactivate() {
        // the handler stays: the threads it is for end after the framework
        stopping = true;
    }

    private void uncaught(Thread thread, Throwable error) {
        if (!stopping) {
            err.println("sift: uncaught " + error + " in thread " + thread.getName());
        }
    }
}
