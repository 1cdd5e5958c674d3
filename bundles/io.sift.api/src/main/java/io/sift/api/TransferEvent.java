package io.sift.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a transfer: a snapshot taken when it happened (later changes to the
 * transfer do not show here).
 *
 * @param sha256 on final events, the SHA-256 (lower-case hex) of the bytes this side wrote
 *        (incoming) or sent (outgoing), when all of them moved; see {@link Transfer#sha256()}
 * @param verified see {@link Transfer#verified()}
 */
public record TransferEvent(
        Type type,
        String transferId,
        String account,
        String peer,
        Direction direction,
        String fileName,
        long size,
        long bytesTransferred,
        Optional<String> streamMethod,
        Optional<TransferFailure> failure,
        Instant time,
        Optional<String> sha256,
        boolean verified) {

    /** The kinds of event, in the order a transfer goes through them. */
    public enum Type {
        /** A transfer was offered (outgoing: sent; incoming: received). */
        OFFERED,
        /** The bytestream is open and bytes begin to move; {@link TransferEvent#streamMethod()} is set. */
        STARTED,
        /** More bytes moved (at most one such event per transfer every 100 ms). */
        PROGRESS,
        /**
         * The bytestream failed and the transfer goes on over a new one: of the next method, or of the
         * same method in a new session when that method can do better (its bytes counted from zero again).
         */
        FALLBACK,
        COMPLETED,
        FAILED,
        CANCELLED,
        DECLINED,
        /** Outgoing: every byte was sent but the receiver did not confirm it (see {@link TransferState#SENT}). @since 1.1 */
        SENT;

        /** The EventAdmin topic of this event type, e.g. {@code io/sift/transfer/COMPLETED}. */
        public String topic() {
            return TransferEvents.TOPIC_PREFIX + name();
        }
    }

    public TransferEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(streamMethod, "streamMethod");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** An event without content facts (before 1.1 events had none). */
    public TransferEvent(Type type, String transferId, String account, String peer, Direction direction,
            String fileName, long size, long bytesTransferred, Optional<String> streamMethod,
            Optional<TransferFailure> failure, Instant time) {
        this(type, transferId, account, peer, direction, fileName, size, bytesTransferred, streamMethod, failure,
                time, Optional.empty(), false);
    }
}
