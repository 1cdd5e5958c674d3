package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.spi.StreamException;

class IbbReceiverTest {

    private static final Jid ALICE = JidCreate.fromOrThrowUnchecked("alice@localhost/a");
    private static final FlowLimits ROOMY = new FlowLimits(1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20);

    private final FakeTransport transport = new FakeTransport();
    private final TestLog log = new TestLog();
    private final List<IbbReceiver> ended = new ArrayList<>();

    private IbbReceiver receiver(int blockSize, FlowLimits limits) {
        return new IbbReceiver("s1", "alice@localhost/a", ALICE, blockSize, transport, limits, log.logger(),
                ended::add);
    }

    private static IbbDataIq block(int seq, String base64) {
        IbbDataIq iq = IbbDataIq.request(DataElement.received("s1", Integer.toString(seq), base64));
        iq.setFrom(ALICE);
        iq.setType(IQ.Type.set);
        return iq;
    }

    private static IbbDataIq block(int seq, byte[] bytes) {
        return block(seq, Base64.getEncoder().encodeToString(bytes));
    }

    private static void assertError(IQ answer, StanzaError.Condition condition, StanzaError.Type type) {
        assertNotNull(answer);
        assertEquals(IQ.Type.error, answer.getType(), answer.toXML().toString());
        assertEquals(condition, answer.getError().getCondition());
        assertEquals(type, answer.getError().getType());
    }

    private static byte[] readExactly(IbbReceiver receiver, int n) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            assertTrue(receiver.read(buffer) >= 0, "unexpected end of stream");
        }
        return buffer.array();
    }

    /** The receiver told the initiator the stream is closed. */
    private void assertClosedTowardsInitiator() throws Exception {
        IbbClose close = transport.awaitSent(IbbClose.class);
        assertEquals("s1", close.sid());
        assertEquals(ALICE, close.getTo());
    }

    private static StreamException.Kind readFailure(IbbReceiver receiver) {
        return assertThrows(StreamException.class, () -> receiver.read(ByteBuffer.allocate(10))).kind();
    }

    @Test
    void acknowledgesBlocksAndHandsTheirBytesToTheReaderInOrder() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        assertEquals(IQ.Type.result, receiver.onDataIq(block(0, new byte[] {1, 2, 3, 4})).getType());
        assertEquals(IQ.Type.result, receiver.onDataIq(block(1, new byte[] {5})).getType());
        receiver.onPeerClose();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, readExactly(receiver, 5));
        assertEquals(-1, receiver.read(ByteBuffer.allocate(1)));
        assertEquals(List.of(receiver), ended);
    }

    /**
     * Blocks are decoded into arrays the receiver uses again once the reader has taken them: whatever
     * the order of blocks and reads, and whatever their sizes, the reader gets every byte as sent. A
     * small block is copied out of its array, which the next block is decoded into at once.
     */
    @Test
    void blocksDecodedIntoReusedArraysReachTheReaderIntact() throws Exception {
        IbbReceiver receiver = receiver(64, ROOMY);
        java.util.Random random = new java.util.Random(64);
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        int[] sizes = {64, 3, 64, 64, 31, 32, 64, 1, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 63, 64, 2};
        for (int seq = 0; seq < sizes.length; seq++) {
            byte[] bytes = new byte[sizes[seq]];
            random.nextBytes(bytes);
            sent.write(bytes);
            assertEquals(IQ.Type.result, receiver.onDataIq(block(seq, bytes)).getType());
            if (seq % 3 == 2) {
                // the reader takes what is queued in pieces that end inside blocks
                for (int queued = sent.size() - read.size(); queued > 0; queued = sent.size() - read.size()) {
                    read.write(readExactly(receiver, Math.min(50, queued)));
                }
            }
        }
        receiver.onPeerClose();
        ByteBuffer rest = ByteBuffer.allocate(sent.size());
        while (receiver.read(rest) > 0) {
            // reads until the end of the stream
        }
        read.write(rest.array(), 0, rest.position());
        assertArrayEquals(sent.toByteArray(), read.toByteArray());
    }

    @Test
    void theAcknowledgementAnswersTheRequest() {
        IbbReceiver receiver = receiver(4, ROOMY);
        IbbDataIq request = block(0, new byte[] {1});
        request.setStanzaId("id-7");
        IQ answer = receiver.onDataIq(request);
        assertEquals("id-7", answer.getStanzaId());
        assertEquals(ALICE, answer.getTo());
    }

    @Test
    void acceptsSeqWrappingFrom65535ToZero() throws Exception {
        IbbReceiver receiver = receiver(1, ROOMY);
        for (int i = 0; i <= 65537; i++) {
            int seq = i % 65536;
            IQ answer = receiver.onDataIq(block(seq, new byte[] {(byte) i}));
            assertEquals(IQ.Type.result, answer.getType(), "seq " + seq);
            assertEquals((byte) i, readExactly(receiver, 1)[0]);
        }
    }

    @Test
    void seq65536IsNotAWrap() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        IbbDataIq bad = IbbDataIq.request(DataElement.received("s1", "65536", "AAAA"));
        bad.setFrom(ALICE);
        assertError(receiver.onDataIq(bad), StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
    }

    @Test
    void duplicateBlockIsAnUnexpectedRequestAndClosesTheStream() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        receiver.onDataIq(block(0, new byte[] {1}));
        assertError(receiver.onDataIq(block(0, new byte[] {1})),
                StanzaError.Condition.unexpected_request, StanzaError.Type.CANCEL);
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
        assertEquals(List.of(receiver), ended);
    }

    @Test
    void outOfSequenceBlockClosesTheStreamAndFailsTheReader() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        receiver.onDataIq(block(0, new byte[] {1}));
        IQ answer = receiver.onDataIq(block(2, new byte[] {2}));
        assertEquals(IQ.Type.error, answer.getType());
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
        assertTrue(log.contains("warn", "In-band stream"), log.lines().toString());
    }

    @Test
    void firstBlockMustBeSeqZero() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        assertEquals(IQ.Type.error, receiver.onDataIq(block(1, new byte[] {1})).getType());
        assertClosedTowardsInitiator();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "abc", "", "99999999999"})
    void seqThatIsNoSixteenBitNumberIsABadRequest(String seq) throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        IbbDataIq iq = IbbDataIq.request(DataElement.received("s1", seq, "AAAA"));
        iq.setFrom(ALICE);
        assertError(receiver.onDataIq(iq), StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
        assertClosedTowardsInitiator();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA!A", "A=AA", "AAA", "AA=A", "<x/>", "AAAA===="})
    void invalidBase64IsABadRequestAndClosesTheStream(String payload) throws Exception {
        IbbReceiver receiver = receiver(16, ROOMY);
        assertError(receiver.onDataIq(block(0, payload)), StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
    }

    @Test
    void base64WithWhitespaceIsAccepted() throws Exception {
        IbbReceiver receiver = receiver(16, ROOMY);
        assertEquals(IQ.Type.result, receiver.onDataIq(block(0, " AQID\r\nBAUG\t")).getType());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, readExactly(receiver, 6));
    }

    @Test
    void blockLargerThanTheBlockSizeIsAResourceConstraint() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        assertError(receiver.onDataIq(block(0, new byte[5])),
                StanzaError.Condition.resource_constraint, StanzaError.Type.MODIFY);
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
    }

    @Test
    void blockAfterTheStreamEndedIsUnknownAndClosesNothingMore() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        receiver.onPeerClose();
        assertError(receiver.onDataIq(block(0, new byte[1])),
                StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL);
        assertTrue(transport.sent().isEmpty(), transport.sent().toString());
    }

    @Test
    void acknowledgementsWaitAboveTheHighWaterMarkUntilTheReaderDrainsBelowTheLowOne() throws Exception {
        // high water: more than 2 blocks unread; low water: at most 1
        IbbReceiver receiver = receiver(4, new FlowLimits(1 << 20, 2, 1 << 20, 1, 1 << 20, 100));
        assertEquals(IQ.Type.result, receiver.onDataIq(block(0, new byte[] {0, 0, 0, 0})).getType());
        assertEquals(IQ.Type.result, receiver.onDataIq(block(1, new byte[] {1, 1, 1, 1})).getType());
        IbbDataIq third = block(2, new byte[] {2, 2, 2, 2});
        third.setStanzaId("third");
        assertNull(receiver.onDataIq(third), "third block is above the high-water mark");
        IbbDataIq fourth = block(3, new byte[] {3, 3, 3, 3});
        fourth.setStanzaId("fourth");
        assertNull(receiver.onDataIq(fourth), "later blocks wait behind the held one");
        assertTrue(transport.sent().isEmpty());

        readExactly(receiver, 4); // 3 blocks left
        readExactly(receiver, 4); // 2 left: still above low water
        assertTrue(transport.sent().isEmpty(), transport.sent().toString());
        readExactly(receiver, 4); // 1 left: the held acknowledgements go out, in order
        List<String> acked = transport.sent().stream().map(s -> ((IQ) s).getType() + " " + s.getStanzaId()).toList();
        assertEquals(List.of("result third", "result fourth"), acked);
        assertArrayEquals(new byte[] {3, 3, 3, 3}, readExactly(receiver, 4));
    }

    @Test
    void highWaterMarkCountsBytesToo() {
        IbbReceiver receiver = receiver(8, new FlowLimits(10, 100, 4, 100, 1 << 20, 1000));
        assertEquals(IQ.Type.result, receiver.onDataIq(block(0, new byte[8])).getType());
        assertNull(receiver.onDataIq(block(1, new byte[8])), "16 bytes unread exceed 10");
    }

    @Test
    void messageBlocksBeyondTheHardCapCloseTheStream() throws Exception {
        IbbReceiver receiver = receiver(4, new FlowLimits(8, 2, 4, 1, 12, 3));
        for (int seq = 0; seq < 3; seq++) {
            receiver.onDataMessage(DataElement.received("s1", Integer.toString(seq), "AAAAAA=="));
        }
        assertTrue(transport.sent().isEmpty());
        receiver.onDataMessage(DataElement.received("s1", "3", "AAAAAA=="));
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
    }

    @Test
    void badMessageBlockClosesTheStreamWithoutAnAnswer() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        receiver.onDataMessage(DataElement.received("s1", "0", "AQ=="));
        receiver.onDataMessage(DataElement.received("s1", "1", "not base64"));
        assertClosedTowardsInitiator();
        assertEquals(1, transport.sent().size(), transport.sent().toString());
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
    }

    @Test
    void readBlocksUntilABlockArrives() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            try {
                return readExactly(receiver, 3);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the reader runs", () -> reader.get() != null);
        Await.blocked(reader.get());
        receiver.onDataIq(block(0, new byte[] {7, 8, 9}));
        assertArrayEquals(new byte[] {7, 8, 9}, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void abortTellsTheInitiatorAndFailsAPendingRead() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            try {
                return receiver.read(ByteBuffer.allocate(4));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the reader runs", () -> reader.get() != null);
        Await.blocked(reader.get());
        receiver.abort();
        Exception e = assertThrows(Exception.class, () -> read.get(5, TimeUnit.SECONDS));
        assertInstanceOf(StreamException.class, e.getCause().getCause());
        assertClosedTowardsInitiator();
        assertEquals(StreamException.Kind.BROKEN, readFailure(receiver));
        assertError(receiver.onDataIq(block(0, new byte[1])), StanzaError.Condition.item_not_found,
                StanzaError.Type.CANCEL);
    }

    @Test
    void closingBeforeTheEndCancelsButAfterTheEndDoesNot() throws Exception {
        IbbReceiver early = receiver(4, ROOMY);
        early.close();
        assertClosedTowardsInitiator();

        FakeTransport quiet = new FakeTransport();
        IbbReceiver finished = new IbbReceiver("s2", "alice@localhost/a", ALICE, 4, quiet, ROOMY, log.logger(),
                r -> { });
        finished.onPeerClose();
        finished.close();
        assertTrue(quiet.sent().isEmpty(), quiet.sent().toString());
    }

    @Test
    void peerCloseReleasesHeldAcknowledgements() {
        IbbReceiver receiver = receiver(4, new FlowLimits(1 << 20, 1, 1 << 20, 0, 1 << 20, 100));
        receiver.onDataIq(block(0, new byte[1]));
        IbbDataIq held = block(1, new byte[1]);
        held.setStanzaId("held");
        assertNull(receiver.onDataIq(held));
        receiver.onPeerClose();
        assertEquals(List.of("held"), transport.sent().stream().map(s -> s.getStanzaId()).toList());
    }

    @Test
    void interruptedReadAbortsTheStream() throws Exception {
        IbbReceiver receiver = receiver(4, ROOMY);
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class, () -> receiver.read(ByteBuffer.allocate(4)));
        } finally {
            Thread.interrupted();
        }
        assertClosedTowardsInitiator();
    }
}
