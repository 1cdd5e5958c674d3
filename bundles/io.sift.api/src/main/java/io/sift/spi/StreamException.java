package io.sift.spi;

import java.io.IOException;
import java.util.Objects;

/** A bytestream could not be opened, or broke. */
public class StreamException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so the caller can decide between fallback, cancellation and failure. */
    public enum Kind {
        /** The peer refused or could not use the stream (e.g. no streamhost reachable). */
        REFUSED,
        /** The peer closed the stream before the end (a cancellation on its side). */
        CLOSED_BY_PEER,
        /** The stream method was removed while the stream was open. */
        METHOD_GONE,
        /** A deadline passed. */
        TIMEOUT,
        /** The local account went offline. */
        OFFLINE,
        /** Anything else: a broken connection, a protocol violation, an error reply. */
        BROKEN
    }

    private final Kind kind;

    public StreamException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public StreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
