package io.sift.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to carry a file's bytes between two XMPP entities (a stream method bundle registers one as
 * a service). Offers list the registered methods in order of {@link #PRIORITY}, highest first.
 *
 * <p>A method must not depend on how the stream was negotiated; everything it needs is in the
 * {@link StreamSession}. It answers its own protocol's requests on each account's connection, and
 * when its bundle stops it aborts its open streams with {@link StreamException.Kind#METHOD_GONE}.
 */
@ConsumerType
public interface StreamMethod {

    /** Service property (Integer): higher is preferred. */
    String PRIORITY = "sift.stream.priority";

    /** Service property (String): the method's namespace, as {@link #namespace()}. */
    String NAMESPACE = "sift.stream.namespace";

    /** The XMPP namespace that names the method in offers and disco features. */
    String namespace();

    /**
     * Opens the stream as initiator. Blocks until data can be written, or fails.
     *
     * @throws StreamException {@link StreamException.Kind#REFUSED} when the target refused or could
     *         not use the stream (the caller may fall back to another method)
     */
    ByteStream open(StreamSession session) throws StreamException, InterruptedException;

    /**
     * Gets ready to accept the stream as target. Must be called before the initiator learns that
     * this method was chosen, so an open request that follows at once is not lost.
     */
    PendingStream expect(StreamSession session) throws StreamException;
}
