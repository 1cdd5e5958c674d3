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
    private final boolean retryable;

    public StreamException(Kind kind, String message) {
        this(kind, message, false);
    }

    /**
     * @param retryable the same method may succeed with a new session: it learned from this failure
     *        (e.g. the largest block size the peer takes) and will do better next time
     */
    public StreamException(Kind kind, String message, boolean retryable) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryable = retryable;
    }

    public StreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryable = false;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a new session over the same method is worth a try (see the constructor). */
    public boolean retryable() {
        return retryable;
    }
}
