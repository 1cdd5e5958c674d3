package io.sift.shell.command;

/**
 * Ends a {@code sift:} command that did not do what it was asked, with one line that says why and
 * the exit status a program running it ends with. Karaf's shell prints the message like any other
 * command error.
 */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** A transfer failed, was declined or cancelled. */
    public static final int TRANSFER_FAILED = 1;
    /** The command cannot run as given (arguments, files, configuration). */
    public static final int USAGE = 2;
    /** The account is not online: its login was refused, or it did not come online in time. */
    public static final int NOT_ONLINE = 3;
    /** The command waited longer than it was allowed to. */
    public static final int TIMED_OUT = 4;

    private final int exitStatus;

    public CommandFailure(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
