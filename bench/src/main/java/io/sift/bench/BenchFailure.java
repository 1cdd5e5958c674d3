package io.sift.bench;

/** A run that went wrong (a peer failed, timed out, or a file arrived different): the bench exits 1. */
final class BenchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }
}
