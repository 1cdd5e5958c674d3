package io.sift.filetransfer.internal;

import java.time.Duration;
import java.util.Optional;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** {@link CheckLink} over an account's connection. */
final class SmackCheckLink implements CheckLink {

    private final XMPPConnection connection;

    SmackCheckLink(XMPPConnection connection) {
        this.connection = connection;
    }

    @Override
    public CheckVerdict ask(String peer, String sid, Optional<String> sha256, Duration timeout)
            throws InterruptedException {
        ChecksumIq request;
        try {
            request = ChecksumIq.to(JidCreate.from(peer), sid, sha256);
        } catch (XmppStringprepException e) {
            return new CheckVerdict.Unanswered("the receiver's JID " + peer + " is not valid");
        }
        StanzaCollector collector;
        try {
            collector = connection.createStanzaCollectorAndSend(request);
        } catch (SmackException.NotConnectedException e) {
            return new CheckVerdict.Unanswered("the account went offline before the receiver confirmed");
        }
        try {
            IQ answer = collector.nextResult(Math.max(1, timeout.toMillis()));
            return answer == null
                    ? new CheckVerdict.Unanswered("the receiver did not answer within " + timeout.toSeconds() + " s")
                    : CheckVerdict.of(answer);
        } finally {
            collector.cancel();
        }
    }
}
