package io.sift.runtime.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Runs one {@code sift:} command in a session of Karaf's shell without a console, as a script would,
 * on the calling thread. The parameters reach the command as session variables, each one parameter
 * whatever characters it holds, so nothing needs quoting. Stopping it ({@link #interrupt()}) is
 * Ctrl-C in Karaf's console: the command's job is interrupted.
 */
final class ScriptRun {

    /** Whether a live progress bar may be drawn (see the shell bundle's console). */
    static final String PROGRESS = "sift.progress";
    static final String PARAMETER = "sift_parameter_";

    private final Session session;
    private volatile Thread thread;

    ScriptRun(SessionFactory sessions, InputStream in, PrintStream out, PrintStream err, boolean progress) {
        this.session = sessions.create(in, out, err);
        session.put(PROGRESS, progress);
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            session.put("COLUMNS", columns);
        }
    }

    /** Runs {@code sift:command} with its parameters; what it throws comes out here. */
    Object run(String command, List<Object> parameters) throws Exception {
        StringBuilder line = new StringBuilder(Commands.SCOPE).append(':').append(command);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            String name = PARAMETER + i;
            session.put(name, parameters.get(i));
            names.add(name);
            line.append(" $").append(name);
        }
        thread = Thread.currentThread();
        try {
            return Subject.doAs(Administrator.subject(), (PrivilegedExceptionAction<Object>) () ->
                    session.execute(line));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            thread = null;
            names.forEach(name -> session.put(name, null));
        }
    }

    /** Stops the running command as Ctrl-C does in a console: its job is interrupted. */
    void interrupt() {
        Object commandSession = session.get(".commandSession");
        Job job = commandSession instanceof CommandSession cs ? cs.foregroundJob() : null;
        if (job != null) {
            job.interrupt();
        } else {
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    void close() {
        session.close();
    }
}
