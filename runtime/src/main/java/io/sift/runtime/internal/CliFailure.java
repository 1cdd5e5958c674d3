package io.sift.runtime.internal;

/** Ends a command-line run with an exit status and one line for the user. */
final class CliFailure extends Exception {

    private static final long serialVersionUID = 1L;

    static final int TRANSFER_FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_ONLINE = 3;
    static final int TIMED_OUT = 4;

    private final int exitStatus;

    CliFailure(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
