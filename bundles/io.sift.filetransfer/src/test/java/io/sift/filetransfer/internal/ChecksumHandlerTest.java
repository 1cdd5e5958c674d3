package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.api.FailureReason;

class ChecksumHandlerTest {

    private static final String SENDER = "alice@example.org/home";
    private final List<Stanza> sent = new CopyOnWriteArrayList<>();

    /** A connection that, like Smack's, refuses to send from an interrupted thread. */
    private XMPPConnection connection() {
        return (XMPPConnection) Proxy.newProxyInstance(XMPPConnection.class.getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendStanza")) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                        sent.add((Stanza) args[0]);
                    }
                    return null;
                });
    }

    private static ChecksumIq request(String sid) {
        ChecksumIq iq = ChecksumIq.to(JidCreate.fromOrThrowUnchecked("bob@example.org/sift"), sid,
                Optional.of("ab".repeat(32)));
        iq.setFrom(JidCreate.fromOrThrowUnchecked(SENDER));
        return iq;
    }

    @Test
    void theVerdictIsSentEvenFromTheInterruptedThreadOfAFailedTransfer() {
        CheckInbox inbox = new CheckInbox(8, System::nanoTime);
        ChecksumHandler handler = new ChecksumHandler(connection(), inbox, new RecordingLogger().logger());
        CheckInbox.Expected expected = inbox.expect(SENDER, "s1");
        assertNull(handler.handleIQRequest(request("s1")), "the answer waits for the verdict");

        Thread.currentThread().interrupt(); // as the transfer's own failure interrupts its worker
        expected.conclude(new CheckVerdict.Refused(FailureReason.HASH_MISMATCH, "SHA-256 differs"));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the transfer's thread");

        assertEquals(1, sent.size());
        IQ answer = (IQ) sent.get(0);
        assertEquals(IQ.Type.error, answer.getType());
        CheckVerdict verdict = CheckVerdict.of(answer);
        assertEquals(new CheckVerdict.Refused(FailureReason.HASH_MISMATCH, "SHA-256 differs"), verdict);
    }

    @Test
    void anUnknownStreamIsAnsweredAtOnce() {
        CheckInbox inbox = new CheckInbox(8, System::nanoTime);
        ChecksumHandler handler = new ChecksumHandler(connection(), inbox, new RecordingLogger().logger());
        assertNull(handler.handleIQRequest(request("unknown")));
        assertEquals(1, sent.size());
        assertTrue(CheckVerdict.of((IQ) sent.get(0)) instanceof CheckVerdict.Unanswered);
    }
}
