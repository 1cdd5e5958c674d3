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
 * resource-constraint (slixmpp does above 8192 by default); the request is then repeated with half
 * the block size, a limited number of times and never below {@link #SMALLEST_RETRY_BLOCK}.
 */
final class OpenHandshake {

    static final int MAX_RETRIES = 2;
    static final int SMALLEST_RETRY_BLOCK = 512;

    private OpenHandshake() {
    }

    /** Opens the stream and returns the block size the target accepted. */
    static int open(IbbTransport transport, String sid, Jid target, IbbSettings settings, Logger log)
            throws StreamException, InterruptedException {
        int blockSize = settings.blockSize();
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
            if (condition == StanzaError.Condition.resource_constraint && attempt < MAX_RETRIES
                    && blockSize > SMALLEST_RETRY_BLOCK) {
                int smaller = Math.max(SMALLEST_RETRY_BLOCK, blockSize / 2);
                log.debug("In-band stream {}: {} refused block size {}; trying {}.",
                        Printable.of(sid), target, blockSize, smaller);
                blockSize = smaller;
                continue;
            }
            throw new StreamException(StreamException.Kind.REFUSED,
                    "the target refused the in-band stream: " + IbbErrors.describe(answer));
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
