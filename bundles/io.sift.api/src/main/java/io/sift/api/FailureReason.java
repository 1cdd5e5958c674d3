package io.sift.api;

/** Why a transfer failed: a closed list, so callers can react without parsing messages. */
public enum FailureReason {
    /** The account is not logged in, or went offline during the transfer. */
    ACCOUNT_OFFLINE,
    /** The peer is not online, or did not answer. */
    PEER_UNAVAILABLE,
    /** The peer does not support SI file transfer. */
    NOT_SUPPORTED,
    /** No stream method is both available here (and allowed by the options) and supported by the peer. */
    NO_COMMON_METHOD,
    /** The peer or the server answered with an error the transfer cannot continue after. */
    PROTOCOL_ERROR,
    /** The bytestream could not be opened or broke while data moved. */
    STREAM_FAILED,
    /** The stream method in use was removed (its bundle stopped) during the transfer. */
    STREAM_METHOD_GONE,
    /** A deadline passed: no answer to the offer, no bytestream, or no data for too long. */
    TIMEOUT,
    /**
     * Fewer or more bytes arrived than the offer announced; or, sending, the {@link FileSource} (or
     * file) yielded fewer or more bytes than its declared size.
     */
    SIZE_MISMATCH,
    /** The bytes arrived but their hash differs from the one the sender announced. */
    HASH_MISMATCH,
    /** Reading or writing a local file failed, or reading a {@link FileSource}. */
    LOCAL_IO,
    /** The offer was malformed, or not acceptable (e.g. invalid file name or size). */
    BAD_OFFER,
    /** This side is shutting down. */
    SHUTDOWN
}
