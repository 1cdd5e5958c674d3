package io.sift.runtime.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedAction;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The jar without a command: Karaf's console on the terminal, as Karaf's own local console, with
 * the {@code sift:} commands, their help and TAB completion. It is registered as a Session service,
 * as Karaf registers its local console, so SIFT's console notices reach it. Ctrl-C interrupts the
 * running command; Ctrl-D leaves.
 */
final class InteractiveShell {

    /** Where the console keeps the commands typed, between runs. */
    static final String HISTORY = ".sift/shell.history";

    private final BundleContext context;
    private final SessionFactory sessions;
    private final Path etc;

    /** @param etc the configuration folder: Karaf's console reads its own settings from there too */
    InteractiveShell(BundleContext context, SessionFactory sessions, Path etc) {
        this.context = context;
        this.sessions = sessions;
        this.etc = etc;
    }

    int run() throws IOException {
        keepHistoryInSiftsFolder();
        if (System.getProperty("karaf.etc") == null) {
            // Karaf's console reads org.apache.karaf.shell.cfg and branding.properties from karaf.etc
            // (and fails without it); none there: its defaults
            System.setProperty("karaf.etc", etc.toAbsolutePath().toString());
        }
        Terminal terminal = terminal();
        PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding()) {
            @Override
            public void close() {
                // the console's streams end with the terminal
            }
        };
        Session session = Subject.doAs(Administrator.subject(), (PrivilegedAction<Session>) () ->
                sessions.create(terminal.input(), out, out, KarafTerminal.of(terminal),
                        terminal.encoding().name(), null));
        session.put(Session.IS_LOCAL, true);
        ServiceRegistration<Session> registration = context.registerService(Session.class, session, null);
        try {
            Subject.doAs(Administrator.subject(), (PrivilegedAction<Void>) () -> {
                session.run();
                return null;
            });
            return 0;
        } finally {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            session.close();
            terminal.close();
        }
    }

    /** Karaf keeps the history in ~/.karaf/: SIFT's goes to ~/.sift/ unless karaf.history says otherwise. */
    private static void keepHistoryInSiftsFolder() {
        if (System.getProperty("karaf.history") == null) {
            Path history = Path.of(System.getProperty("user.home", "."), HISTORY);
            try {
                Files.createDirectories(history.getParent());
                System.setProperty("karaf.history", history.toString());
            } catch (IOException | SecurityException e) {
                // without a place for it, Karaf keeps the history where it would
            }
        }
    }

    /**
     * The process's terminal, as Karaf's local console builds it: JLine finds its terminal providers
     * through the context class loader, which must be JLine's own inside OSGi.
     */
    private static Terminal terminal() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder()
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .encoding(Charset.defaultCharset())
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
