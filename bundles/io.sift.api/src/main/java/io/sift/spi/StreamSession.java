package io.sift.spi;

import java.util.Objects;

/**
 * The identity of one bytestream: which account carries it, its stream id, and the two ends.
 *
 * @param account bare JID of the local account
 * @param sid the stream id both ends agreed on (e.g. in the Stream Initiation exchange)
 * @param initiator full JID of the side that sends the file and opens the stream
 * @param target full JID of the side that receives the file and accepts the stream
 */
public record StreamSession(String account, String sid, String initiator, String target) {

    public StreamSession {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(target, "target");
    }
}
