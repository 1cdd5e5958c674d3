package io.sift.api;

/** Where a transfer stands. The last four are final: a transfer never leaves them. */
public enum TransferState {
    /** Offered to (outgoing) or by (incoming) the peer; no answer yet. */
    OFFERED,
    /** Accepted; the stream method is opening the bytestream. */
    NEGOTIATING,
    /** Bytes are moving. */
    TRANSFERRING,
    /** Every byte arrived and was verified; an incoming file is in its final place. */
    COMPLETED,
    /** Ended by an error; see {@link Transfer#failure()}. */
    FAILED,
    /** Ended by {@link Transfer#cancel()} on either side. */
    CANCELLED,
    /** The receiver said no. */
    DECLINED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == DECLINED;
    }
}
