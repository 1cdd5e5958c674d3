package io.sift.tools.smackpeer;

/** A command line that cannot be run. The message names the option and what is wrong with it, in one line. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        // no stack trace: this is a message for the person at the keyboard, never a bug report
        super(message, null, false, false);
    }
}
