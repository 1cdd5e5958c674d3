package io.sift.shell.internal.gogo;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Process;

import io.sift.shell.internal.Console;
import io.sift.shell.internal.TerminalWidth;

/** A Gogo session as a {@link Console}. */
final class GogoConsole implements Console {

    private final CommandSession session;

    GogoConsole(CommandSession session) {
        this.session = session;
    }

    @Override
    public PrintStream out() {
        return session.getConsole();
    }

    @Override
    public Path currentDirectory() {
        try {
            Path dir = session.currentDir();
            if (dir != null) {
                return dir;
            }
        } catch (RuntimeException | AbstractMethodError unsupported) {
            // a shell without a notion of current directory
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public int width() {
        return TerminalWidth.of(this::variable);
    }

    /** In the foreground, with the output not redirected; what Gogo does not tell counts as yes. */
    @Override
    public boolean drawsProgress() {
        Job job = Job.Utils.current();
        if (job != null && job.status() != Job.Status.Foreground) {
            return false;
        }
        Process process = Process.Utils.current();
        return process == null || process.isTty(1);
    }

    @Override
    public void println(String line) {
        out().println(line);
    }

    private Object variable(String name) {
        try {
            Object value = session.get(name);
            return value != null ? value : System.getenv(name.startsWith("#") ? name.substring(1) : name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
