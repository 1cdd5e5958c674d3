package io.sift.ibb.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Printable;
import io.sift.spi.StreamException;

/**
 * The initiator's {@code <open/>} request. A target that finds the block size too large answers
 * resource-constraint; the request is then repeated with a smaller size (16384, 8192, ...), a
 * limited number of times. The refusal is remembered in {@link BlockLimits}: slixmpp refuses every
 * later open of the same stream id, and then only a new session with the smaller size works, which
 * the caller learns from a retryable refusal.
 */
final class OpenHandshake {

    static final int MAX_RETRIES = 2;

    private OpenHandshake() {
    }

    /** Opens the stream and returns the block size the target accepted. */
    static int open(IbbTransport transport, String sid, Jid target, IbbSettings settings, BlockLimits limits,
            Logger log) throws StreamException, InterruptedException {
        String peer = target.toString();
        int blockSize = limits.sizeFor(peer, settings.blockSize());
        boolean refusedSize = false;
        for (int attempt = 0;; attempt++) {
            IbbOpen open = IbbOpen.request(sid, blockSize, settings.stanza());
            open.setTo(target);
            IQ answer;
            try {
                answer = transport.request(open, settings.openTimeoutMillis()).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TimeoutException) {
                    withdraw(transport, sid, target);
                    throw new StreamException(StreamException.Kind.TIMEOUT,
                            "no answer to the in-band open within " + settings.openTimeoutMillis() + " ms", cause);
                }
                throw new StreamException(StreamException.Kind.BROKEN, "cannot send the in-band open: " + cause, cause);
            }
            if (answer.getType() == IQ.Type.result) {
                return blockSize;
            }
            StanzaError.Condition condition = IbbErrors.conditionOf(answer);
            if (condition == StanzaError.Condition.resource_constraint) {
                int smaller = limits.refused(peer, blockSize);
                if (smaller > 0 && attempt < MAX_RETRIES) {
                    log.debug("In-band stream {}: {} refused block size {}; trying {}.",
                            Printable.of(sid), target, blockSize, smaller);
                    blockSize = smaller;
                    refusedSize = true;
                    continue;
                }
            }
            // after a size refusal a new session may work where this stream id is spent
            boolean retryable = refusedSize || condition == StanzaError.Condition.resource_constraint;
            if (refusedSize && condition != StanzaError.Condition.resource_constraint) {
                limits.spentAfterRefusal(peer);
            }
            throw new StreamException(StreamException.Kind.REFUSED,
                    "the target refused the in-band stream: " + IbbErrors.describe(answer), retryable);
        }
    }

    /**
     * A target that accepts after the timeout would wait for data that never comes: the close ends
     * that stream (and is answered with item-not-found if the open never arrived).
     */
    private static void withdraw(IbbTransport transport, String sid, Jid target) throws InterruptedException {
        IbbClose close = IbbClose.request(sid);
        close.setTo(target);
        try {
            transport.send(close);
        } catch (StreamException notConnected) {
            // nothing to withdraw from
        }
    }
}
