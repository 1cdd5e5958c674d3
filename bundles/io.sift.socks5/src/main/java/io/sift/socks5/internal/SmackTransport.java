package io.sift.socks5.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;

import io.sift.spi.StreamException;

/** {@link Socks5Transport} over an account's Smack connection. */
final class SmackTransport implements Socks5Transport {

    private final XMPPConnection connection;

    SmackTransport(XMPPConnection connection) {
        this.connection = connection;
    }

    @Override
    public void send(Stanza stanza) throws StreamException, InterruptedException {
        try {
            connection.sendStanza(stanza);
        } catch (NotConnectedException e) {
            throw new StreamException(StreamException.Kind.OFFLINE, "the account is not connected", e);
        }
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        try {
            connection.sendIqRequestAsync(request, timeoutMillis)
                    .onSuccess(answer::complete)
                    .onError(e -> {
                        // an error answer is an answer: the stream logic reads its condition
                        if (e instanceof XMPPErrorException error && error.getStanza() instanceof IQ errorIq) {
                            answer.complete(errorIq);
                        } else if (e instanceof NoResponseException) {
                            answer.completeExceptionally(new TimeoutException(e.getMessage()));
                        } else {
                            answer.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }
}
