package io.sift.filetransfer.internal;

import java.io.IOException;

import io.sift.api.FailureReason;

/**
 * Reading or writing a local file failed (as opposed to the bytestream), or the content to send is
 * not what it said it was (its size).
 */
final class LocalFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    LocalFileException(String message) {
        this(FailureReason.LOCAL_IO, message);
    }

    /** @param reason how the transfer fails: {@link FailureReason#LOCAL_IO} or {@link FailureReason#SIZE_MISMATCH} */
    LocalFileException(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }
}
