package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.StreamException;

class IbbSenderTest {

    private static final Jid BOB = JidCreate.fromOrThrowUnchecked("bob@localhost/b");

    private final FakeTransport transport = new FakeTransport();
    private final TestLog log = new TestLog();
    private final List<IbbSender> ended = new ArrayList<>();
    private final List<String> outOfSequence = new ArrayList<>();

    private IbbSender sender(IbbSettings settings) {
        return new IbbSender("s1", "bob@localhost/b", BOB, settings.blockSize(), settings, transport, log.logger(),
                ended::add, new LearnedBlockSize(System::nanoTime), outOfSequence::add);
    }

    private static DataElement dataOf(IQ iq) {
        return assertInstanceOf(IbbDataIq.class, iq).data();
    }

    private static byte[] bytesOf(DataElement data) {
        return Base64.getDecoder().decode(data.payload().toString());
    }

    /** Runs {@code action} on a thread of its own, so the test can answer what it sends. */
    private static Thread background(String name, ThrowingRunnable action, CompletableFuture<Void> done) {
        Thread t = new Thread(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void cutsBytesIntoBlocksWithSeqFromZero() throws Exception {
        List<IQ> requests = new ArrayList<>();
        List<byte[]> blocks = new ArrayList<>();
        transport.autoAnswer = iq -> {
            requests.add(iq);
            if (iq instanceof IbbDataIq data) {
                // read as the connection writes it, before the answer: the sender reuses the text after it
                blocks.add(bytesOf(data.data()));
            }
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(4, 16, DataStanza.IQ));
        sender.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertTrue(requests.isEmpty(), "a partial block waits");
        sender.write(ByteBuffer.wrap(new byte[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
        assertEquals(3, requests.size());
        sender.close();
        assertEquals(5, requests.size());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, blocks.get(0));
        assertArrayEquals(new byte[] {5, 6, 7, 8}, blocks.get(1));
        assertArrayEquals(new byte[] {9, 10, 11, 12}, blocks.get(2));
        assertArrayEquals(new byte[] {13}, blocks.get(3));
        for (int i = 0; i < 4; i++) {
            assertEquals(i, dataOf(requests.get(i)).seq());
            assertEquals("s1", dataOf(requests.get(i)).sid());
            assertEquals(BOB, requests.get(i).getTo());
            assertEquals(IQ.Type.set, requests.get(i).getType());
        }
        assertEquals("s1", assertInstanceOf(IbbClose.class, requests.get(4)).sid());
        assertEquals(List.of(sender), ended);
    }

    /**
     * The block size a stream settles on, after its second timing, is logged at info with the timings
     * it was chosen by: nothing else shows it, and on some servers it decides the transfer's speed.
     */
    @Test
    void theBlockSizeSettledOnIsLoggedAtInfoWithItsTimings() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbSettings adaptive = new IbbSettings(65535, 64, DataStanza.IQ, 65535, 5000, 5000, 5000, 10, true);
        IbbSender sender = sender(adaptive);
        ByteBuffer mebibyte = ByteBuffer.allocate(1 << 20);
        long enough = 4 * ChunkSizer.PROBE_MIN_BYTES + ChunkSizer.CONFIRM_AFTER + 4 * ChunkSizer.CONFIRM_PROBE_BYTES;
        for (long sent = 0; sent < enough; sent += mebibyte.capacity()) {
            sender.write(mebibyte.clear());
        }
        sender.close();
        List<String> settled = log.lines().stream().filter(l -> l.contains("goes on in blocks of")).toList();
        assertEquals(1, settled.size(), log.lines().toString());
        assertTrue(settled.get(0).startsWith("info: "), settled.get(0));
        assertTrue(settled.get(0).matches(".*\\[s1, bob@localhost/b, (4096|16384|65535), "
                + "4096 bytes [0-9.]+, 16384 bytes [0-9.]+, 65535 bytes [0-9.]+\\]"), settled.get(0));
    }

    /**
     * The text of a block is written into an array that the sender uses again once the block is
     * answered (the connection has written it by then), and never while the block is in flight.
     */
    @Test
    void aBlocksTextIsReusedOnlyAfterItsAnswer() throws Exception {
        IbbSender sender = sender(TestSettings.with(3, 2, DataStanza.IQ));
        CompletableFuture<Void> written = new CompletableFuture<>();
        background("writer", () -> sender.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})), written);
        FakeTransport.Request first = transport.nextRequest();
        FakeTransport.Request second = transport.nextRequest();
        Base64Text firstText = assertInstanceOf(Base64Text.class, dataOf(first.iq).payload());
        Base64Text secondText = assertInstanceOf(Base64Text.class, dataOf(second.iq).payload());
        assertNotSame(firstText.array(), secondText.array());

        first.result();
        FakeTransport.Request third = transport.nextRequest();
        Base64Text thirdText = assertInstanceOf(Base64Text.class, dataOf(third.iq).payload());
        assertSame(firstText.array(), thirdText.array(), "the answered block's array holds the next block");
        assertArrayEquals(new byte[] {4, 5, 6}, bytesOf(dataOf(second.iq)), "the block in flight is intact");
        assertArrayEquals(new byte[] {7, 8, 9}, bytesOf(dataOf(third.iq)));
        second.result();
        third.result();
        written.get(5, TimeUnit.SECONDS);
    }

    @Test
    void writeConsumesTheWholeBufferFromItsPosition() throws Exception {
        List<IQ> requests = new ArrayList<>();
        transport.autoAnswer = iq -> {
            requests.add(iq);
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(2, 4, DataStanza.IQ));
        ByteBuffer src = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 3, 9});
        src.position(2).limit(5);
        assertEquals(3, sender.write(src));
        assertEquals(5, src.position());
        assertArrayEquals(new byte[] {1, 2}, bytesOf(dataOf(requests.get(0))));
        sender.close();
        assertArrayEquals(new byte[] {3}, bytesOf(dataOf(requests.get(1))));
    }

    @Test
    void seqWrapsFrom65535ToZero() throws Exception {
        List<Integer> seqs = new ArrayList<>();
        transport.autoAnswer = iq -> {
            if (iq instanceof IbbDataIq data) {
                seqs.add(data.data().seq());
            }
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(1, 16, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(65538));
        sender.close();
        assertEquals(65538, seqs.size());
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i % 65536, seqs.get(i), "block " + i);
        }
    }

    @Test
    void neverMoreThanTheWindowIsUnacknowledged() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 3, DataStanza.IQ));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = background("writer", () -> sender.write(ByteBuffer.allocate(10)), done);
        List<FakeTransport.Request> unanswered = new ArrayList<>();
        int sent = 0;
        for (int answered = 0; answered < 10; answered++) {
            while (unanswered.size() < 3 && sent < 10) {
                unanswered.add(transport.nextRequest());
                sent++;
            }
            if (sent < 10) {
                Await.blocked(writer);
            }
            assertTrue(transport.requests.isEmpty(), "a block went out with three unacknowledged");
            unanswered.remove(0).result();
        }
        done.get(5, TimeUnit.SECONDS);
        assertEquals(3, transport.maxOutstanding.get());
    }

    @Test
    void windowOfOneIsStrictStopAndWait() throws Exception {
        IbbSender sender = sender(TestSettings.with(2, 1, DataStanza.IQ));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = background("writer", () -> {
            sender.write(ByteBuffer.allocate(9));
            sender.close();
        }, done);
        List<Integer> seqs = new ArrayList<>();
        while (true) {
            FakeTransport.Request r = transport.nextRequest();
            if (r.iq instanceof IbbClose) {
                r.result();
                break;
            }
            seqs.add(dataOf(r.iq).seq());
            Await.blocked(writer);
            assertTrue(transport.requests.isEmpty(), "a block went out before the previous one was acknowledged");
            r.result();
        }
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3, 4), seqs);
        assertEquals(1, transport.maxOutstanding.get());
    }

    @Test
    void errorAnswerBreaksTheStreamAndTheNextWriteSaysSo() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(1));
        transport.nextRequest().error(StanzaError.Condition.not_acceptable);
        StreamException e = assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1)));
        assertEquals(StreamException.Kind.BROKEN, e.kind());
        assertTrue(e.getMessage().contains("not_acceptable") || e.getMessage().contains("not-acceptable"), e.getMessage());
    }

    @Test
    void missingAcknowledgementBreaksTheStream() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ, 30_000, 5000));
        sender.write(ByteBuffer.allocate(1));
        FakeTransport.Request r = transport.nextRequest();
        assertEquals(30_000, r.timeoutMillis);
        r.timeout();
        assertEquals(StreamException.Kind.BROKEN,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
    }

    @Test
    void failureWakesAWriterWaitingForTheWindow() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 1, DataStanza.IQ));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = background("writer", () -> sender.write(ByteBuffer.allocate(3)), done);
        FakeTransport.Request first = transport.nextRequest();
        Await.blocked(writer);
        first.error(StanzaError.Condition.bad_request);
        Exception e = assertThrows(Exception.class, () -> done.get(5, TimeUnit.SECONDS));
        assertEquals(StreamException.Kind.BROKEN, assertInstanceOf(StreamException.class, e.getCause()).kind());
    }

    @Test
    void aBlockTheTargetNoLongerKnowsMeansTheTargetClosedTheStream() throws Exception {
        // the target's close and its answers to blocks already under way arrive in no fixed order
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(1));
        transport.nextRequest().error(StanzaError.Condition.item_not_found);
        assertEquals(StreamException.Kind.CLOSED_BY_PEER,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
    }

    @Test
    void eachBlockSizeTimedIsInTheDebugLog() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbSender sender = sender(new IbbSettings(65535, 8, DataStanza.IQ, 65535, 5000, 5000, 5000, 10, true));
        ByteBuffer piece = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 64; i++) { // 4 MiB: the three 1 MiB probes and some after them
            sender.write(piece.clear());
        }
        sender.close();
        for (int size : new int[] {4096, 16384, 65535}) {
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("debug:") && l.contains("came through at")
                    && l.contains(", " + size + ", ")), () -> size + " not logged: " + log.lines());
        }
    }

    @Test
    void targetsCloseMakesWritesFailAsClosedByPeer() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbSender sender = sender(TestSettings.with(4, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(8));
        sender.onPeerClose();
        assertEquals(StreamException.Kind.CLOSED_BY_PEER,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
        assertEquals(List.of(sender), ended);
    }

    @Test
    void targetsCloseOutranksTheErrorThatCameWithIt() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(1));
        transport.nextRequest().error(StanzaError.Condition.not_acceptable);
        sender.onPeerClose();
        assertEquals(StreamException.Kind.CLOSED_BY_PEER,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
    }

    /** Smack 4.4's answer to a block that overtook another in its thread pool. */
    private static void smackComplains(FakeTransport.Request block, int expectedSeq) {
        int seq = dataOf(block.iq).seq();
        StanzaError error = StanzaError.getBuilder(StanzaError.Condition.unexpected_request)
                .setDescriptiveEnText("Unexpected IBB sequence " + seq + " received, expected " + expectedSeq).build();
        block.answer.complete(IQ.createErrorResponse(block.iq, error));
        block.answeredElsewhere();
    }

    @Test
    void aBlockTakenOutOfSequenceInAWindowIsARetryableFailureAndTheAccountLearnsIt() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(2));
        FakeTransport.Request first = transport.nextRequest();
        FakeTransport.Request second = transport.nextRequest();
        smackComplains(second, 0);
        first.result();
        StreamException e = assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1)));
        assertEquals(StreamException.Kind.BROKEN, e.kind());
        assertTrue(e.retryable(), "a new session, one block at a time, can succeed");
        assertTrue(e.getMessage().contains("Unexpected IBB sequence 1 received, expected 0"), e.getMessage());
        assertEquals(1, outOfSequence.size(), outOfSequence.toString());
        assertTrue(outOfSequence.get(0).contains("block 1"), outOfSequence.toString());
    }

    @Test
    void onlyTheFirstComplaintIsLearnedFrom() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(3));
        FakeTransport.Request first = transport.nextRequest();
        FakeTransport.Request second = transport.nextRequest();
        FakeTransport.Request third = transport.nextRequest();
        smackComplains(second, 0);
        smackComplains(third, 0);
        first.result();
        StreamException e = assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1)));
        assertTrue(e.getMessage().contains("block 1 "), e.getMessage());
        assertEquals(1, outOfSequence.size(), outOfSequence.toString());
    }

    @Test
    void aComplaintAboutTheSequenceIsNotHiddenByTheTargetsCloseThatFollowsIt() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(2));
        FakeTransport.Request first = transport.nextRequest();
        FakeTransport.Request second = transport.nextRequest();
        smackComplains(second, 0);
        sender.onPeerClose();
        first.error(StanzaError.Condition.item_not_found);
        StreamException e = assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1)));
        assertEquals(StreamException.Kind.BROKEN, e.kind());
        assertTrue(e.retryable());
    }

    @Test
    void aTargetsCloseThatOvertookTheComplaintWaitsForTheAnswersUnderWay() throws Exception {
        // the close is a request and the complaint an answer: they reach this side by different paths
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(2));
        FakeTransport.Request first = transport.nextRequest();
        FakeTransport.Request second = transport.nextRequest();
        sender.onPeerClose();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = background("writer", () -> sender.write(ByteBuffer.allocate(1)), done);
        Await.blocked(writer);
        assertFalse(done.isDone(), "decided before the answers under way were in");
        first.error(StanzaError.Condition.item_not_found);
        smackComplains(second, 0);
        Exception e = assertThrows(Exception.class, () -> done.get(5, TimeUnit.SECONDS));
        StreamException failure = assertInstanceOf(StreamException.class, e.getCause());
        assertEquals(StreamException.Kind.BROKEN, failure.kind());
        assertTrue(failure.retryable(), failure.getMessage());
    }

    @Test
    void aTargetsCloseWithNothingUnderWayIsACancelAtOnce() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(2));
        transport.nextRequest().result();
        transport.nextRequest().result();
        sender.onPeerClose();
        assertEquals(StreamException.Kind.CLOSED_BY_PEER,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
        assertTrue(outOfSequence.isEmpty());
    }

    @Test
    void outOfSequenceWithOneBlockAtATimeIsNotTheWindowsFault() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 1, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(1));
        smackComplains(transport.nextRequest(), 7);
        StreamException e = assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1)));
        assertEquals(StreamException.Kind.BROKEN, e.kind());
        assertFalse(e.retryable(), "one block at a time is all there is to try");
        assertTrue(outOfSequence.isEmpty(), outOfSequence.toString());
    }

    @Test
    void closeSendsThePartialBlockAndWaitsForAllAcknowledgementsButNotForTheAnswerToTheClose() throws Exception {
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(5));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread closer = background("closer", sender::close, done);
        FakeTransport.Request full = transport.nextRequest();
        FakeTransport.Request partial = transport.nextRequest();
        assertEquals(1, bytesOf(dataOf(partial.iq)).length);
        Await.blocked(closer);
        assertTrue(transport.requests.isEmpty(), "close went out before the blocks were acknowledged");
        full.result();
        Await.blocked(closer);
        assertTrue(transport.requests.isEmpty(), "close went out before the blocks were acknowledged");
        partial.result();
        FakeTransport.Request close = transport.nextRequest();
        assertInstanceOf(IbbClose.class, close.iq);
        // the close is never answered here
        done.get(5, TimeUnit.SECONDS);
        assertFalse(sender.isOpen());
        assertEquals(List.of(sender), ended, "the account forgets the stream at once");
        assertThrows(ClosedChannelException.class, () -> sender.write(ByteBuffer.allocate(1)));
    }

    @Test
    void aCloseThatIsNeverAnsweredIsLoggedOnceItsTimeoutPassed() throws Exception {
        // libpurple never answers the close
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ, 5000, 50));
        sender.write(ByteBuffer.allocate(4));
        CompletableFuture<Void> done = new CompletableFuture<>();
        background("closer", sender::close, done);
        transport.nextRequest().result();
        FakeTransport.Request close = transport.nextRequest();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(sender), ended);
        assertFalse(log.contains("debug", "no answer to the close"), "nothing to say before the timeout");
        assertEquals(50, close.timeoutMillis);
        close.timeout();
        assertTrue(log.contains("debug", "no answer to the close"), log.lines().toString());
    }

    @Test
    void inMessageModeSendingTheCloseEndsTheSendersPartWhateverTheAnswer() throws Exception {
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.MESSAGE));
        sender.write(ByteBuffer.allocate(6));
        sender.close();
        FakeTransport.Request close = transport.nextRequest();
        assertInstanceOf(IbbClose.class, close.iq);
        assertEquals(List.of(sender), ended);
        close.error(StanzaError.Condition.item_not_found);
        assertTrue(log.contains("debug", "the close was answered with"), log.lines().toString());
    }

    @Test
    void closeAnsweredWithAnErrorAfterAllDataWasAcknowledgedIsNoError() throws Exception {
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(4));
        CompletableFuture<Void> done = new CompletableFuture<>();
        background("closer", sender::close, done);
        transport.nextRequest().result();
        transport.nextRequest().error(StanzaError.Condition.item_not_found);
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closeOfABrokenStreamReportsTheFailureAndTellsTheTarget() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 4, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(1));
        transport.nextRequest().error(StanzaError.Condition.bad_request);
        assertEquals(StreamException.Kind.BROKEN, assertThrows(StreamException.class, sender::close).kind());
        assertEquals("s1", transport.awaitSent(IbbClose.class).sid());
        assertEquals(List.of(sender), ended);
    }

    @Test
    void closeAfterTheAccountWentOfflineReportsItInsteadOfSucceeding() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(6));
        sender.shutdown(StreamException.Kind.OFFLINE, "offline", false);
        assertEquals(StreamException.Kind.OFFLINE, assertThrows(StreamException.class, sender::close).kind());
        assertEquals(StreamException.Kind.OFFLINE,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
        assertTrue(transport.sent().isEmpty(), "nobody to tell: " + transport.sent());
    }

    @Test
    void closeThatCannotBeSentIsAFailureEveryTime() throws Exception {
        transport.autoAnswer = iq -> {
            if (iq instanceof IbbClose) {
                throw new IllegalStateException("not connected");
            }
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(4));
        assertEquals(StreamException.Kind.BROKEN, assertThrows(StreamException.class, sender::close).kind());
        assertEquals(StreamException.Kind.BROKEN, assertThrows(StreamException.class, sender::close).kind());
    }

    @Test
    void abortSendsCloseWithoutWaitingAndFailsWrites() throws Exception {
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(4));
        sender.abort();
        IbbClose close = transport.awaitSent(IbbClose.class);
        assertEquals(BOB, close.getTo());
        assertEquals(1, transport.requests.size(), "only the data block was a request");
        assertEquals(StreamException.Kind.BROKEN,
                assertThrows(StreamException.class, () -> sender.write(ByteBuffer.allocate(1))).kind());
        sender.abort();
        assertEquals(1, transport.sent().size(), "a second abort sends nothing");
    }

    @Test
    void abortWakesAWriterWaitingForTheWindow() throws Exception {
        IbbSender sender = sender(TestSettings.with(1, 1, DataStanza.IQ));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = background("writer", () -> sender.write(ByteBuffer.allocate(3)), done);
        transport.nextRequest();
        Await.blocked(writer);
        sender.abort();
        Exception e = assertThrows(Exception.class, () -> done.get(5, TimeUnit.SECONDS));
        assertInstanceOf(StreamException.class, e.getCause());
    }

    @Test
    void abortAfterANormalCloseDoesNothing() throws Exception {
        transport.autoAnswer = IQ::createResultIQ;
        IbbSender sender = sender(TestSettings.with(4, 8, DataStanza.IQ));
        sender.write(ByteBuffer.allocate(3));
        sender.close();
        sender.abort();
        assertTrue(transport.sent().isEmpty(), transport.sent().toString());
    }

    @Test
    void messageModeSendsBlocksAsMessagesWithoutWaiting() throws Exception {
        AtomicReference<IQ> closeRequest = new AtomicReference<>();
        transport.autoAnswer = iq -> {
            closeRequest.set(iq);
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(3, 1, DataStanza.MESSAGE));
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7};
        sender.write(ByteBuffer.wrap(bytes));
        sender.close();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int seq = 0;
        for (var stanza : transport.sent()) {
            Message message = assertInstanceOf(Message.class, stanza);
            assertEquals(BOB, message.getTo());
            DataElement data = assertInstanceOf(DataElement.class,
                    message.getExtensionElement(DataElement.ELEMENT, Ibb.NAMESPACE));
            assertEquals(seq++, data.seq());
            received.writeBytes(bytesOf(data));
        }
        assertEquals(3, seq);
        assertArrayEquals(bytes, received.toByteArray());
        assertInstanceOf(IbbClose.class, closeRequest.get());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 4096})
    void writtenBytesArriveUnchangedWhateverTheChunking(int chunk) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        transport.autoAnswer = iq -> {
            if (iq instanceof IbbDataIq data) {
                received.writeBytes(bytesOf(data.data()));
            }
            return IQ.createResultIQ(iq);
        };
        IbbSender sender = sender(TestSettings.with(4, 2, DataStanza.IQ));
        byte[] bytes = new byte[1000];
        new java.util.Random(chunk).nextBytes(bytes);
        for (int off = 0; off < bytes.length; off += chunk) {
            sender.write(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
        }
        sender.close();
        assertArrayEquals(bytes, received.toByteArray());
    }
}
