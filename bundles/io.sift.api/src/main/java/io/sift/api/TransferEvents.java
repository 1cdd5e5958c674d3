package io.sift.api;

/**
 * EventAdmin topics and event properties of transfer events. Topic: {@link #TOPIC_PREFIX} + the
 * {@link TransferEvent.Type} name, e.g. {@code io/sift/transfer/COMPLETED}; subscribe to
 * {@link #TOPIC_ALL} for all of them.
 */
public final class TransferEvents {

    public static final String TOPIC_PREFIX = "io/sift/transfer/";
    public static final String TOPIC_ALL = TOPIC_PREFIX + "*";

    public static final String TRANSFER_ID = "transfer.id";
    public static final String ACCOUNT = "account";
    public static final String PEER = "peer";
    /** {@code INCOMING} or {@code OUTGOING}. */
    public static final String DIRECTION = "direction";
    public static final String FILE_NAME = "file.name";
    /** Long. */
    public static final String FILE_SIZE = "file.size";
    /** Long. */
    public static final String BYTES = "bytes";
    /** Namespace of the stream method, when known. */
    public static final String STREAM_METHOD = "stream.method";
    /** {@link FailureReason} name, on FAILED events. */
    public static final String FAILURE_REASON = "failure.reason";
    public static final String FAILURE_MESSAGE = "failure.message";
    /** SHA-256 (lower-case hex) of the bytes written or sent, on final events when known. @since 1.1 */
    public static final String SHA256 = "file.sha256";
    /** Boolean: see {@link Transfer#verified()}. @since 1.1 */
    public static final String VERIFIED = "verified";
    /** Epoch milliseconds. */
    public static final String TIMESTAMP = "timestamp";

    private TransferEvents() {
    }
}
