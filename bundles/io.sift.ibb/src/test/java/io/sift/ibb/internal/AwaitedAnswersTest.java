package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Answers reach the request they answer, from its addressee only; a request without one times out;
 * one that cannot be sent fails at once; closing fails what still waits and leaves the connection.
 */
class AwaitedAnswersTest {

    private static final Jid BOB = JidCreate.fromOrThrowUnchecked("bob@localhost/b");
    private static final long LONG = TimeUnit.SECONDS.toMillis(30);

    private final FakeConnection alice = new FakeConnection("alice@localhost/a");
    private final AwaitedAnswers answers = new AwaitedAnswers(alice.connection);

    private static IbbClose requestTo(Jid to) {
        IbbClose close = IbbClose.request("s1");
        close.setTo(to);
        return close;
    }

    private static IQ answerFrom(IQ request, String from) {
        IQ answer = IQ.createResultIQ(request);
        answer.setFrom(from == null ? null : JidCreate.fromOrThrowUnchecked(from));
        return answer;
    }

    /** Hands the stanza to the listener as the connection would: only when its filter takes it. */
    private boolean arrives(Stanza stanza) throws Exception {
        assertEquals(1, alice.syncListeners.size());
        Map.Entry<StanzaListener, StanzaFilter> only = alice.syncListeners.entrySet().iterator().next();
        if (!only.getValue().accept(stanza)) {
            return false;
        }
        only.getKey().processStanza(stanza);
        return true;
    }

    @Test
    void anAnswerFromTheAddresseeCompletesItsRequestOnce() throws Exception {
        IbbClose request = requestTo(BOB);
        CompletableFuture<IQ> answer = answers.request(request, LONG);
        assertEquals(List.of(request), alice.sent);
        assertFalse(answer.isDone());
        IQ result = answerFrom(request, "bob@localhost/b");
        assertTrue(arrives(result));
        assertSame(result, answer.getNow(null));
        assertFalse(arrives(answerFrom(request, "bob@localhost/b")), "answered already: no longer awaited");
    }

    @Test
    void anErrorIsAnAnswerToo() throws Exception {
        IbbClose request = requestTo(BOB);
        CompletableFuture<IQ> answer = answers.request(request, LONG);
        IQ error = IbbErrors.itemNotFound(request);
        error.setFrom(BOB);
        assertTrue(arrives(error));
        assertEquals(StanzaError.Condition.item_not_found, answer.getNow(null).getError().getCondition());
    }

    @Test
    void aForgedAnswerIsIgnoredAndTheRealOneStillCounts() throws Exception {
        IbbClose request = requestTo(BOB);
        CompletableFuture<IQ> answer = answers.request(request, LONG);
        for (String forger : new String[] {"mallory@localhost/m", "bob@localhost/other", "bob@localhost", null,
                "localhost"}) {
            arrives(answerFrom(request, forger));
            assertFalse(answer.isDone(), "from " + forger);
        }
        IQ real = answerFrom(request, "bob@localhost/b");
        assertTrue(arrives(real));
        assertSame(real, answer.getNow(null));
    }

    @Test
    void whatIsNotAnAwaitedAnswerIsNotTaken() throws Exception {
        IbbClose request = requestTo(BOB);
        answers.request(request, LONG);
        IbbClose otherId = requestTo(BOB);
        assertFalse(arrives(answerFrom(otherId, "bob@localhost/b")), "another id");
        IbbClose sameIdAsRequest = IbbClose.request("s1");
        sameIdAsRequest.setStanzaId(request.getStanzaId());
        sameIdAsRequest.setFrom(BOB);
        assertFalse(arrives(sameIdAsRequest), "a request with the id is no answer");
        assertFalse(arrives(StanzaBuilder.buildMessage(request.getStanzaId()).from(BOB).build()), "a message");
        IQ noId = answerFrom(request, "bob@localhost/b");
        noId.setStanzaId(null);
        assertFalse(arrives(noId), "no id at all");
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutAndALateAnswerIsNotTaken() throws Exception {
        IbbClose request = requestTo(BOB);
        CompletableFuture<IQ> answer = answers.request(request, 50);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(LONG, TimeUnit.MILLISECONDS));
        assertInstanceOf(TimeoutException.class, failed.getCause());
        assertFalse(arrives(answerFrom(request, "bob@localhost/b")), "no longer awaited");
    }

    @Test
    void aRequestThatCannotBeSentHasFailedWhenItReturns() {
        alice.connected = false;
        CompletableFuture<IQ> answer = answers.request(requestTo(BOB), LONG);
        assertTrue(answer.isCompletedExceptionally());
        ExecutionException failed = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(NotConnectedException.class, failed.getCause());
    }

    /** Smack's writer refuses a stanza with an InterruptedException once the connection dropped, resumable or not. */
    @Test
    void aConnectionThatDropsAsARequestIsSentIsNotConnectedAndNoInterrupt() {
        alice.dropsOnSend = true;
        CompletableFuture<IQ> answer = answers.request(requestTo(BOB), LONG);
        assertFalse(Thread.interrupted(), "the caller's thread was not interrupted");
        ExecutionException failed = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(NotConnectedException.class, failed.getCause());
    }

    @Test
    void anInterruptWhileSendingFailsTheRequestAndStaysWithTheThread() {
        alice.interruptsOnSend = true;
        CompletableFuture<IQ> answer = answers.request(requestTo(BOB), LONG);
        assertTrue(Thread.interrupted(), "the interrupt is the caller's to see");
        assertTrue(answer.isCompletedExceptionally());
        ExecutionException failed = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(InterruptedException.class, failed.getCause());
    }

    @Test
    void closingFailsWhatStillWaitsAndWhatIsAskedLaterAndLeavesTheConnection() {
        CompletableFuture<IQ> answer = answers.request(requestTo(BOB), LONG);
        answers.close();
        assertTrue(alice.syncListeners.isEmpty());
        ExecutionException failed = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(NotConnectedException.class, failed.getCause());

        int sent = alice.sent.size();
        CompletableFuture<IQ> later = answers.request(requestTo(BOB), LONG);
        assertTrue(later.isCompletedExceptionally());
        assertInstanceOf(NotConnectedException.class, assertThrows(ExecutionException.class, later::get).getCause());
        assertEquals(sent, alice.sent.size(), "not sent: nobody would hear its answer");
    }

    @Test
    void whoMayAnswerARequestToNobodyOrToTheAccountsOwnBareJid() {
        EntityFullJid self = JidCreate.entityFullFromOrThrowUnchecked("alice@localhost/a");
        DomainBareJid server = JidCreate.domainBareFromOrThrowUnchecked("localhost");
        Jid own = self.asBareJid();
        // to nobody: the server answers for the account
        assertTrue(AwaitedAnswers.comesFromAddressee(null, null, self, server));
        assertTrue(AwaitedAnswers.comesFromAddressee(server, null, self, server));
        assertTrue(AwaitedAnswers.comesFromAddressee(own, null, self, server));
        assertTrue(AwaitedAnswers.comesFromAddressee(self, null, self, server));
        assertFalse(AwaitedAnswers.comesFromAddressee(BOB, null, self, server));
        // to the account's bare JID: the server may leave the sender out
        assertTrue(AwaitedAnswers.comesFromAddressee(null, own, self, server));
        assertTrue(AwaitedAnswers.comesFromAddressee(own, own, self, server));
        assertFalse(AwaitedAnswers.comesFromAddressee(server, own, self, server));
        // to anyone else: that one, exactly
        assertTrue(AwaitedAnswers.comesFromAddressee(BOB, BOB, self, server));
        assertFalse(AwaitedAnswers.comesFromAddressee(null, BOB, self, server));
        assertFalse(AwaitedAnswers.comesFromAddressee(BOB.asBareJid(), BOB, self, server));
    }
}
