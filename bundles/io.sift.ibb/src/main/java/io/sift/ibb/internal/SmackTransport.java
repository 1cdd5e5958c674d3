package io.sift.ibb.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamException;

/** {@link IbbTransport} over an account's Smack connection. */
final class SmackTransport implements IbbTransport {

    private final AccountConnection account;
    private final XMPPConnection connection;

    SmackTransport(AccountConnection account) {
        this.account = account;
        this.connection = account.connection();
    }

    /** The connection bundle follows the presences the account receives. */
    @Override
    public Optional<String> capsNode(Jid peer) {
        return account.peerCapsNode(peer);
    }

    @Override
    public void send(Stanza stanza) throws StreamException, InterruptedException {
        try {
            connection.sendStanza(stanza);
        } catch (NotConnectedException e) {
            throw new StreamException(StreamException.Kind.OFFLINE, "the account is not connected", e);
        }
    }

    /**
     * Sends through Smack's asynchronous request, whose failures all arrive on a callback thread. A
     * connection that is gone already is reported before returning, so that the caller can tell a
     * request that never went out from one that is still waiting for its answer.
     */
    @Override
    public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        if (!connection.isConnected()) {
            answer.completeExceptionally(new NotConnectedException());
            return answer;
        }
        connection.sendIqRequestAsync(request, timeoutMillis)
                .onSuccess(answer::complete)
                .onError(e -> failed(answer, e));
        return answer;
    }

    private static void failed(CompletableFuture<IQ> answer, Throwable e) {
        // an error answer is an answer: the stream logic reads its condition
        if (e instanceof XMPPErrorException error && error.getStanza() instanceof IQ errorIq) {
            answer.complete(errorIq);
        } else if (e instanceof NoResponseException) {
            answer.completeExceptionally(new TimeoutException(e.getMessage()));
        } else {
            answer.completeExceptionally(e);
        }
    }
}
