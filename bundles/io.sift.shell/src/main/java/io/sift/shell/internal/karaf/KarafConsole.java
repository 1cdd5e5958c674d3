package io.sift.shell.internal.karaf;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Process;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;
import org.jline.reader.LineReader;

import io.sift.shell.internal.Console;
import io.sift.shell.internal.TerminalWidth;

/**
 * A session of Karaf's shell as a {@link Console}. A session without a terminal (a script, a command
 * run through the API or over ssh without a pty) never shows a progress bar; nor does a job in the
 * background ({@code &}) or one whose output is redirected. A background job's lines go above the
 * prompt through the session's line reader, which draws the prompt and the typed text again below them.
 */
final class KarafConsole implements Console {

    /** The session variable under which Karaf's console keeps its JLine reader. */
    static final String READER = ".jline.reader";

    private final Session session;

    KarafConsole(Session session) {
        this.session = session;
    }

    @Override
    public PrintStream out() {
        return session.getConsole();
    }

    @Override
    public Path currentDirectory() {
        Path dir = session.currentDir();
        return dir != null ? dir : Path.of("").toAbsolutePath();
    }

    @Override
    public int width() {
        int columns = terminalWidth();
        if (columns > 0) {
            return Math.max(TerminalWidth.MIN, Math.min(TerminalWidth.MAX, columns));
        }
        return TerminalWidth.of(session::get);
    }

    @Override
    public boolean drawsProgress() {
        if (terminalWidth() <= 0 || !foreground()) {
            return false;
        }
        Process process = Process.Utils.current();
        return process == null || process.isTty(1);
    }

    @Override
    public void println(String line) {
        Object reader = session.get(READER);
        if (!foreground() && reader instanceof LineReader lineReader) {
            lineReader.printAbove(line);
        } else {
            out().println(line);
        }
    }

    /**
     * The terminal's width; 0 without a terminal. A session that Karaf derives from a session without
     * a terminal (its help does) has a terminal object that fails when asked: that is none either.
     */
    private int terminalWidth() {
        try {
            Terminal terminal = session.getTerminal();
            return terminal == null ? 0 : terminal.getWidth();
        } catch (RuntimeException noTerminalBehind) {
            return 0;
        }
    }

    private static boolean foreground() {
        Job job = Job.Utils.current();
        return job == null || job.status() == Job.Status.Foreground;
    }
}
