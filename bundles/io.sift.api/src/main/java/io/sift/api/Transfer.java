package io.sift.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** One file transfer, incoming or outgoing: a live view of its progress and a handle to cancel it. */
@ProviderType
public interface Transfer {

    /** Unique within this framework, short enough to type (shell commands take it). */
    String id();

    /** Bare JID of the local account. */
    String account();

    /** The peer's JID: full once known, bare if the caller gave a bare JID and no resource was chosen yet. */
    String peer();

    Direction direction();

    /** The file name as offered (outgoing) or as it will be stored (incoming, already made safe). */
    String fileName();

    /** Size in bytes as announced in the offer. */
    long size();

    Optional<String> description();

    /** Bytes moved so far by this transfer (after {@link #resumedFrom()}, if it continued a file). */
    long bytesTransferred();

    /**
     * Bytes of the file that were already with the receiver when this transfer started: an earlier
     * transfer of the same file broke off and this one continued it (XEP-0096 range). 0 otherwise.
     *
     * @since 1.1
     */
    default long resumedFrom() {
        return 0;
    }

    TransferState state();

    /** The stream method (namespace) carrying the bytes, once chosen. */
    Optional<String> streamMethod();

    /** Set when the state is {@link TransferState#FAILED}. */
    Optional<TransferFailure> failure();

    /**
     * The local file: the source of an outgoing transfer (empty when it is sent from a
     * {@link FileSource} that is not a file); for an incoming one, the final file once
     * {@link TransferState#COMPLETED} (empty before).
     */
    Optional<Path> file();

    Instant started();

    /**
     * The SHA-256 (lower-case hex) of the whole file, once every byte moved: for an incoming
     * transfer, of the bytes written to the file; for an outgoing one, of the file as it was sent.
     *
     * @since 1.1
     */
    default Optional<String> sha256() {
        return Optional.empty();
    }

    /**
     * Whether the content was checked against a hash, not only its size. Incoming: the bytes written
     * match the hash the sender declared (MD5 in the offer, or a SHA-256 it sent after the data);
     * false when the sender declared none. Outgoing: the receiver confirmed that its SHA-256 of the
     * file matched ({@link TransferState#COMPLETED}).
     *
     * @since 1.1
     */
    default boolean verified() {
        return false;
    }

    /**
     * Cancels the transfer and tells the peer. Returns false if it had already ended.
     */
    boolean cancel();

    /**
     * Completes (never exceptionally) with this transfer when it reaches a final state; look at
     * {@link #state()} and {@link #failure()} for the outcome.
     */
    CompletionStage<Transfer> completion();

    /**
     * Adds a listener to this transfer alone: it hears this transfer's events, the very events the
     * {@link TransferListener} whiteboard gets, in the order they happened, on SIFT's event thread,
     * until it is removed with {@link ListenerRegistration#close()} or the transfer ended.
     *
     * <p>A listener added at any time hears the transfer's whole story, so nobody waits for an event
     * that went before: first, at once (on the event thread), what it missed of it, every event so
     * far except {@link TransferEvent.Type#PROGRESS} (of those, only the latest, and only if no other
     * event came after it); then each new event. So it always hears {@link TransferEvent.Type#OFFERED}
     * first and the final event last, and a listener added to a transfer that already ended hears its
     * final event at once. There is no need to add it at the very moment of sending.
     *
     * <p>A listener that throws is logged; it still hears the next events, and the other listeners
     * of the transfer and of the whiteboard hear this one. Like a whiteboard listener it should return
     * quickly. Each call adds a listener anew, even the same one twice.
     *
     * <p>(Should SIFT's file transfer stop, its transfers end and their last events are delivered; a
     * listener added after that hears the story on the thread that adds it.)
     *
     * @return closes to remove the listener
     * @throws UnsupportedOperationException in implementations written against an earlier version of
     *         this interface (SIFT's own transfers support it)
     * @since 1.2
     */
    default ListenerRegistration addListener(TransferListener listener) {
        throw new UnsupportedOperationException("this Transfer does not take listeners of its own");
    }
}
