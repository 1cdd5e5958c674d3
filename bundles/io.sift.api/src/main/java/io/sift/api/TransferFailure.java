package io.sift.api;

import java.util.Objects;

/**
 * Why a transfer ended in {@link TransferState#FAILED}.
 *
 * @param reason the kind of failure
 * @param message one line for people, naming what failed
 */
public record TransferFailure(FailureReason reason, String message) {

    public TransferFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
