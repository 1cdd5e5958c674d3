package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.api.FailureReason;

/** A checksum may come before or after the transfer's end; either way the sender gets one answer. */
class CheckInboxTest {

    private static final String SENDER = "alice@example.org/home";
    private static final String SHA = "cd".repeat(32);
    private final AtomicLong clock = new AtomicLong();
    private final CheckInbox inbox = new CheckInbox(3, clock::get);
    private final List<IQ> answers = new CopyOnWriteArrayList<>();

    private static ChecksumIq ask(String from, String sid, Optional<String> sha) {
        ChecksumIq iq = new ChecksumIq(sid, sha);
        iq.setType(IQ.Type.set);
        iq.setFrom(JidCreate.fromOrThrowUnchecked(from));
        return iq;
    }

    @Test
    void aChecksumBeforeTheEndIsHandedToTheTransferAndAnsweredWithItsVerdict() throws Exception {
        CheckInbox.Expected expected = inbox.expect(SENDER, "s1");
        inbox.received(ask(SENDER, "s1", Optional.of(SHA)), answers::add);
        assertEquals(List.of(), answers, "no answer before the verdict");
        assertEquals(Optional.of(SHA), expected.awaitChecksum(Duration.ofSeconds(5)));

        expected.conclude(new CheckVerdict.Confirmed());
        assertEquals(1, answers.size());
        assertEquals(IQ.Type.result, answers.get(0).getType());
    }

    @Test
    void aVerdictBeforeTheQuestionIsKeptForIt() {
        CheckInbox.Expected expected = inbox.expect(SENDER, "s1");
        expected.conclude(new CheckVerdict.Refused(FailureReason.LOCAL_IO, "disk full"));
        inbox.received(ask(SENDER.toUpperCase(java.util.Locale.ROOT), "s1", Optional.empty()), answers::add);
        assertEquals(new CheckVerdict.Refused(FailureReason.LOCAL_IO, "disk full"), CheckVerdict.of(answers.get(0)));
    }

    @Test
    void anotherPeerCannotAskForSomeoneElsesStream() {
        inbox.expect(SENDER, "s1").conclude(new CheckVerdict.Confirmed());
        inbox.received(ask("mallory@example.org/x", "s1", Optional.of(SHA)), answers::add);
        assertInstanceOf(CheckVerdict.Unanswered.class, CheckVerdict.of(answers.get(0)));
    }

    @Test
    void theSamePeerAskingForAnotherStreamIsNotAnsweredWithThisOnesVerdict() {
        inbox.expect(SENDER, "s1").conclude(new CheckVerdict.Confirmed());
        inbox.received(ask(SENDER, "s2", Optional.of(SHA)), answers::add);
        assertInstanceOf(CheckVerdict.Unanswered.class, CheckVerdict.of(answers.get(0)));
    }

    @Test
    void askingTwiceAnswersTheOlderQuestionAndKeepsTheNewer() {
        CheckInbox.Expected expected = inbox.expect(SENDER, "s1");
        inbox.received(ask(SENDER, "s1", Optional.of(SHA)), answers::add);
        inbox.received(ask(SENDER, "s1", Optional.of(SHA)), answers::add);
        assertEquals(1, answers.size());
        expected.conclude(new CheckVerdict.Confirmed());
        assertEquals(2, answers.size());
        assertEquals(IQ.Type.result, answers.get(1).getType());
    }

    @Test
    void concludedEntriesExpireAndMakeRoomButLiveOnesAreNeverPushedOut() throws Exception {
        inbox.expect(SENDER, "old").conclude(new CheckVerdict.Confirmed());
        clock.addAndGet(CheckInbox.KEEP_CONCLUDED.toNanos() + 1);
        inbox.received(ask(SENDER, "old", Optional.empty()), answers::add);
        assertInstanceOf(CheckVerdict.Unanswered.class, CheckVerdict.of(answers.get(0)), "expired");

        CheckInbox.Expected live = inbox.expect(SENDER, "a");
        inbox.expect(SENDER, "b").conclude(new CheckVerdict.Confirmed());
        inbox.expect(SENDER, "c");
        CheckInbox.Expected d = inbox.expect(SENDER, "d"); // full: the concluded "b" makes room
        assertNotNull(d);
        assertNull(inbox.expect("mallory@example.org/x", "e"), "full of live entries: no check for a newcomer");

        inbox.received(ask(SENDER, "a", Optional.of(SHA)), answers::add);
        assertEquals(Optional.of(SHA), live.awaitChecksum(Duration.ofSeconds(5)), "the live entry is still there");
        assertThrows(TimeoutException.class, () -> d.awaitChecksum(Duration.ofMillis(1)));
    }

    @Test
    void aRequestWithoutSidIsRefused() {
        inbox.received(ask(SENDER, null, Optional.empty()), answers::add);
        assertInstanceOf(CheckVerdict.Unanswered.class, CheckVerdict.of(answers.get(0)));
    }
}
