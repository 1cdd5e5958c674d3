package io.sift.ibb.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamException;

/** {@link IbbTransport} over an account's Smack connection, until {@link #close}. */
final class SmackTransport implements IbbTransport {

    private final AccountConnection account;
    private final XMPPConnection connection;
    private final AwaitedAnswers answers;

    SmackTransport(AccountConnection account) {
        this.account = account;
        this.connection = account.connection();
        this.answers = new AwaitedAnswers(connection);
    }

    /** Takes this transport's listener off the connection. */
    void close() {
        answers.close();
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

    @Override
    public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        return answers.request(request, timeoutMillis);
    }
}
