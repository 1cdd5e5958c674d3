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
 * run through the API or over ssh without a pty) never shows a progress bar, unless whoever created
 * it knows better and says so in the session variable {@link #PROGRESS} (the runnable jar does, from
 * its own standard streams); nor does a job in the background ({@code &}) or one whose output is
 * redirected. A background job's lines go above the prompt through the session's line reader, which
 * draws the prompt and the typed text again below them.
 *
 * <p>Created on the command's thread: the command's job and streams are taken from there, so that
 * threads the command starts print where the command does.
 */
final class KarafConsole implements Console {

    /** The session variable under which Karaf's console keeps its JLine reader. */
    static final String READER = ".jline.reader";
    /** Session variable (Boolean): whether this session's output may show a live progress bar. */
    static final String PROGRESS = "sift.progress";

    private final Session session;
    private final Job job;
    private final Process process;

    KarafConsole(Session session) {
        this.session = session;
        this.job = Job.Utils.current();
        this.process = Process.Utils.current();
    }

    @Override
    public PrintStream out() {
        return session.getConsole();
    }

    @Override
    public PrintStream err() {
        return process != null ? process.err() : System.err;
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
        if (!foreground()) {
            return false;
        }
        if (session.get(PROGRESS) instanceof Boolean told) {
            return told;
        }
        if (terminalWidth() <= 0) {
            return false;
        }
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

    private boolean foreground() {
        return job == null || job.status() == Job.Status.Foreground;
    }
}
