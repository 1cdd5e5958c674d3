package io.sift.negotiation;

import java.util.Objects;

/** An offer did not lead to an accepted stream. */
public class NegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, as far as the protocol tells. */
    public enum Kind {
        /** The peer declined (403 forbidden). */
        DECLINED,
        /** The peer accepts none of the offered stream methods (400 + no-valid-streams). */
        NO_VALID_STREAMS,
        /** No stream method is registered here (and allowed), or none that the peer announces. */
        NO_COMMON_METHOD,
        /** The peer does not support Stream Initiation or this profile (disco, or 400 + bad-profile). */
        NOT_SUPPORTED,
        /** The peer is offline or unknown (no available resource, service-unavailable, ...). */
        PEER_UNAVAILABLE,
        /** No answer in time. */
        TIMEOUT,
        /** The local account is not logged in. */
        ACCOUNT_OFFLINE,
        /**
         * The peer has too many offers of this account in hand to take another now
         * (resource-constraint): the same offer may be made again later.
         *
         * @since 1.2
         */
        BUSY,
        /** Any other error answer, or a malformed one. */
        PROTOCOL_ERROR
    }

    private final Kind kind;

    public NegotiationException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public NegotiationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
