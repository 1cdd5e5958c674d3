package io.sift.runtime.internal;

/** A command line that cannot be run, with the one line that says why (exit status 2). */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
