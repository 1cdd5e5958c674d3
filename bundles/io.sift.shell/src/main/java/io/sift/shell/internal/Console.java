package io.sift.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command knows of the session it runs in, in Karaf's shell (inside Karaf, or its shell core in the runnable jar).
 */
public interface Console {

    /** Where the command's output goes (a pipe or a file when the user redirected it). */
    PrintStream out();

    /**
     * The session's error stream: where a command whose output is meant for scripts
     * ({@code --no-format}) tells people what happens.
     */
    PrintStream err();

    /** The session's current directory: relative paths the user types start there. */
    Path currentDirectory();

    /** Columns of the terminal; a common default without one. */
    int width();

    /**
     * Whether a progress bar may be redrawn in place now: the output is a terminal and the command
     * runs in the foreground. Asked again for every frame, since a job can be sent to the background.
     */
    boolean drawsProgress();

    /**
     * Prints a line of a command that may run in the background: there it must not land in the
     * middle of the prompt and what the user is typing.
     */
    void println(String line);
}
