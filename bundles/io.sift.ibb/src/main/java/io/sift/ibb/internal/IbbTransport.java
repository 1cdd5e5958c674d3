package io.sift.ibb.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;

import io.sift.spi.StreamException;

/**
 * What the stream logic needs from an account's connection: send a stanza, and send a request and
 * get its answer. Tests stand in for the connection through it.
 */
interface IbbTransport {

    /** Sends a stanza without waiting for anything. */
    void send(Stanza stanza) throws StreamException, InterruptedException;

    /**
     * Sends an IQ request. The future completes with the answer, a result or an error IQ alike; or
     * exceptionally: with a {@link java.util.concurrent.TimeoutException} when no answer came within
     * {@code timeoutMillis}, with another exception when the request could not be sent.
     */
    CompletableFuture<IQ> request(IQ request, long timeoutMillis);

    /** The entity capabilities node (XEP-0115) of the latest presence received from {@code peer}, if any. */
    default Optional<String> capsNode(Jid peer) {
        return Optional.empty();
    }
}
