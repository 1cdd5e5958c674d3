package io.sift.api;

/**
 * Where a transfer stands. The last five are final: a transfer never leaves them.
 *
 * <p>{@link #COMPLETED} never claims more than SIFT knows: an incoming file is in its final place
 * with every byte checked ({@link Transfer#verified()} tells whether a hash was checked as well as
 * the size); an outgoing file was confirmed by the receiver, which checked its hash. An outgoing
 * file whose receiver gives no such confirmation ends in {@link #SENT}.
 */
public enum TransferState {
    /** Offered to (outgoing) or by (incoming) the peer; no answer yet. */
    OFFERED,
    /** Accepted; the stream method is opening the bytestream. */
    NEGOTIATING,
    /** Bytes are moving. */
    TRANSFERRING,
    /**
     * Incoming: every byte arrived, its size (and hash, if the sender declared one) checked out, and
     * the file is in its final place. Outgoing: the receiver confirmed it got the file and its
     * SHA-256 matched the sender's.
     */
    COMPLETED,
    /** Ended by an error; see {@link Transfer#failure()}. */
    FAILED,
    /** Ended by {@link Transfer#cancel()} on either side. */
    CANCELLED,
    /** The receiver said no. */
    DECLINED,
    /**
     * Outgoing only: every byte was handed to the bytestream and the stream closed without an error,
     * but the receiver did not confirm that it stored the file intact (its software has no way to
     * say so, or it did not answer). The file probably arrived; SIFT cannot know.
     * @since 1.1
     */
    SENT;

    public boolean isFinal() {
        return this == COMPLETED || this == SENT || this == FAILED || this == CANCELLED || this == DECLINED;
    }
}
