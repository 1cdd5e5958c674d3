package io.sift.spi;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** A stream the target expects and the initiator has yet to open. */
@ConsumerType
public interface PendingStream {

    /**
     * Waits until the initiator has opened the stream.
     *
     * @throws StreamException {@link StreamException.Kind#TIMEOUT} when it was not opened in time,
     *         or another kind if the opening failed or {@link #cancel()} was called
     */
    ByteStream await(Duration timeout) throws StreamException, InterruptedException;

    /** Stops waiting; an open request for this session is refused from now on. */
    void cancel();
}
