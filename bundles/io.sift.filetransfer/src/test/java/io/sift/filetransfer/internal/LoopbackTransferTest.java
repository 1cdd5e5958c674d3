package io.sift.filetransfer.internal;

import static io.sift.filetransfer.internal.HubFixture.namesIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.StreamException;

/**
 * Both ends of a transfer in one hub: the offer the sender writes is what the receiver parses, its
 * answer is what the sender reads, the bytes go through a pipe (which a test may make corrupt one
 * byte), and the checksum request goes to the receiver's inbox; so what each side reports is checked
 * against what really arrived.
 */
class LoopbackTransferTest {

    private static final Instant SOURCE_DATE = Instant.parse("2025-03-04T05:06:07Z");
    private static final Set<String> SIFT_PEER = Set.of("http://jabber.org/protocol/si",
            "http://jabber.org/protocol/si/profile/file-transfer", FileCheck.NAMESPACE);
    private static final Set<String> PLAIN_PEER = Set.of("http://jabber.org/protocol/si",
            "http://jabber.org/protocol/si/profile/file-transfer");

    @TempDir
    Path dir;

    private HubFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Ends(Transfer sent, TransferRecord received) {
    }

    @Test
    void aReceiverThatNeverAnswersLeavesTheSenderAtSentAndTheFileUnverified() throws Exception {
        // idle timeout 1 s: the waits for the checksum and for the verdict are that long, the watchdog's too
        fixture = new HubFixture(dir.resolve("downloads"), OfferPolicy.ACCEPT, Long.MAX_VALUE, Duration.ofSeconds(1));
        CountDownLatch never = new CountDownLatch(1);
        fixture.checks = (peer, sid, sha, timeout) -> {
            never.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CheckVerdict.Unanswered("no answer within " + timeout.toMillis() + " ms");
        };
        byte[] data = data(100_000, 13);
        Ends ends = transfer(data, SIFT_PEER, Long.MAX_VALUE, out -> out);

        assertEquals(TransferState.SENT, ends.sent().state(), "not failed by the idle watchdog while it waits: "
                + ends.sent());
        assertEquals(TransferState.COMPLETED, ends.received().state(), ends.received()::toString);
        assertFalse(ends.received().verified(), "the promised SHA-256 never came");
        assertArrayEquals(data, Files.readAllBytes(ends.received().file().orElseThrow()));
    }

    /** Sends {@code data} from the fixture's account to itself; {@code flipAt} >= 0 corrupts that byte. */
    private Ends transfer(byte[] data, Set<String> peerFeatures, long hashLimit, long flipAt) throws Exception {
        return transfer(data, peerFeatures, hashLimit,
                out -> flipAt < 0 ? out : new FlippingChannel(out, flipAt));
    }

    /**
     * Sends {@code data} from the fixture's account to itself through {@code relay}; the fixture is made
     * on the first call and kept, so a second call finds what the first left in the download directory.
     */
    private Ends transfer(byte[] data, Set<String> peerFeatures, long hashLimit,
            UnaryOperator<WritableByteChannel> relay) throws Exception {
        Path downloads = dir.resolve("downloads");
        if (fixture == null) {
            fixture = new HubFixture(downloads, OfferPolicy.ACCEPT, hashLimit);
        }
        fixture.initiator.peerFeatures = peerFeatures;
        Path source = Files.write(dir.resolve("holiday photos.zip"), data);
        // the same data is the same file to the receiver (its offer's date is part of a partial file's
        // identity): written again a second later it would not be continued
        Files.setLastModifiedTime(source, FileTime.from(SOURCE_DATE));

        CompletableFuture<HubFixture.Incoming> incoming = new CompletableFuture<>();
        CompletableFuture<FakeStreamOffer> received = new CompletableFuture<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            try {
                Pipe pipe = Pipe.open();
                received.join().pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, pipe.source()));
                return FakeByteStream.writing(session, relay.apply(pipe.sink()));
            } catch (IOException e) {
                throw new StreamException(StreamException.Kind.BROKEN, "no pipe", e);
            }
        });
        fixture.initiator.answerWith(offer -> {
            FakeStreamOffer toReceiver;
            try {
                toReceiver = new FakeStreamOffer(Xml.parse(offer.payload().toXML().toString()));
                received.complete(toReceiver);
                incoming.complete(fixture.receive(toReceiver));
            } catch (Exception e) {
                throw new NegotiationException(NegotiationException.Kind.PROTOCOL_ERROR, e.toString(), e);
            }
            if (!toReceiver.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NegotiationException(NegotiationException.Kind.TIMEOUT, "the receiver did not accept");
            }
            return new NegotiatedStream(FakeStreamOffer.SESSION, method, toReceiver.answerPayload());
        });

        fixture.initiator.offers.clear();
        Transfer sent = fixture.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(sent);
        TransferRecord got = incoming.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).finish();
        return new Ends(sent, got);
    }

    private static byte[] data(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void aSiftReceiverChecksTheSha256SentAfterTheDataAndTheSenderLearnsIt() throws Exception {
        byte[] data = data(3 * 1024 * 1024 + 5, 3);
        Ends ends = transfer(data, SIFT_PEER, Long.MAX_VALUE, -1);

        assertEquals(TransferState.COMPLETED, ends.sent().state(), ends.sent()::toString);
        assertTrue(ends.sent().verified(), "the receiver confirmed the SHA-256");
        assertEquals(TransferState.COMPLETED, ends.received().state(), ends.received()::toString);
        assertTrue(ends.received().verified());
        assertEquals(Optional.of(sha256(data)), ends.sent().sha256());
        assertEquals(Optional.of(sha256(data)), ends.received().sha256());
        assertEquals(Optional.of(dir.resolve("downloads").resolve("holiday photos.zip")), ends.received().file());
        assertArrayEquals(data, Files.readAllBytes(ends.received().file().orElseThrow()));
        assertEquals(List.of("holiday photos.zip"), namesIn(dir.resolve("downloads")));
        assertEquals(data.length, ends.sent().bytesTransferred());
        assertEquals(data.length, ends.received().bytesTransferred());
        TransferEvent completed = fixture.awaitEvent(ends.received().id(), TransferEvent.Type.COMPLETED);
        assertEquals(Optional.of(sha256(data)), completed.sha256());
        assertTrue(completed.verified());
    }

    @Test
    void aSiftSenderPutsNoMd5InTheOffer() throws Exception {
        transfer(data(1000, 4), SIFT_PEER, Long.MAX_VALUE, -1);
        FileElement offered = FileElement.parse(fixture.initiator.offers.get(0).payload());
        assertEquals(Optional.empty(), offered.md5(), "the file is not read before its bytes move");
        assertTrue(offered.checkAfter());
    }

    @Test
    void anEmptyFileIsConfirmedByASiftReceiverAndStoredEmpty() throws Exception {
        Ends ends = transfer(new byte[0], SIFT_PEER, Long.MAX_VALUE, -1);

        assertEquals(TransferState.COMPLETED, ends.sent().state(), ends.sent()::toString);
        assertTrue(ends.sent().verified(), "the receiver confirmed the SHA-256 of nothing");
        assertEquals(TransferState.COMPLETED, ends.received().state(), ends.received()::toString);
        assertTrue(ends.received().verified());
        assertEquals(Optional.of(sha256(new byte[0])), ends.received().sha256());
        assertEquals(0, Files.size(ends.received().file().orElseThrow()));
        assertEquals(List.of("holiday photos.zip"), namesIn(dir.resolve("downloads")), "no partial file is left");
    }

    @Test
    void aCorruptedByteOfALargeFileFailsBothSidesWithHashMismatch() throws Exception {
        byte[] data = data(5 * 1024 * 1024, 5);
        Ends ends = transfer(data, SIFT_PEER, Long.MAX_VALUE, 4 * 1024 * 1024 + 17);

        assertEquals(TransferState.FAILED, ends.received().state(), ends.received()::toString);
        assertEquals(FailureReason.HASH_MISMATCH, ends.received().failure().orElseThrow().reason());
        assertEquals(TransferState.FAILED, ends.sent().state(), ends.sent()::toString);
        assertEquals(FailureReason.HASH_MISMATCH, ends.sent().failure().orElseThrow().reason());
        assertTrue(ends.sent().failure().orElseThrow().message().startsWith("the receiver reports: SHA-256"),
                ends.sent().failure().orElseThrow()::message);
        assertEquals(List.of(), namesIn(dir.resolve("downloads")), "nothing is stored, not even the partial file");
    }

    @Test
    void aPlainReceiverGetsTheMd5AndTheSenderOnlyClaimsSent() throws Exception {
        byte[] data = data(70 * 1024, 6);
        Ends ends = transfer(data, PLAIN_PEER, Long.MAX_VALUE, -1);

        FileElement offered = FileElement.parse(fixture.initiator.offers.get(0).payload());
        assertTrue(offered.md5().isPresent(), "a peer that cannot check afterwards gets the MD5 first");
        assertFalse(offered.checkAfter());
        assertEquals(TransferState.SENT, ends.sent().state(), ends.sent()::toString);
        assertFalse(ends.sent().verified());
        assertEquals(TransferState.COMPLETED, ends.received().state());
        assertTrue(ends.received().verified(), "the receiver checked the MD5 of the offer");
    }

    @Test
    void aCorruptedByteUnderAPlainOfferIsCaughtByTheMd5() throws Exception {
        Ends ends = transfer(data(70 * 1024, 7), PLAIN_PEER, Long.MAX_VALUE, 3);

        assertEquals(FailureReason.HASH_MISMATCH, ends.received().failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(dir.resolve("downloads")));
    }

    @Test
    void withoutAnyHashTheReceiverStoresTheFileAsUnverified() throws Exception {
        byte[] data = data(70 * 1024, 8);
        Ends ends = transfer(data, PLAIN_PEER, 0, -1);

        assertEquals(TransferState.COMPLETED, ends.received().state());
        assertFalse(ends.received().verified(), "only the size was checked");
        assertEquals(Optional.of(sha256(data)), ends.received().sha256(), "what was written is still reported");
    }

    @Test
    void aBrokenTransferLeavesItsPartialFileAndTheNextOfferSendsOnlyTheRest() throws Exception {
        byte[] data = data(3 * 1024 * 1024, 11);
        long breakAt = 1024 * 1024 + 7;
        Ends broken = transfer(data, SIFT_PEER, Long.MAX_VALUE, out -> new BreakingChannel(out, breakAt));
        assertEquals(TransferState.FAILED, broken.sent().state(), broken.sent()::toString);
        assertTrue(broken.received().state() == TransferState.CANCELLED
                || broken.received().state() == TransferState.FAILED, broken.received()::toString);
        Path downloads = dir.resolve("downloads");
        assertEquals(List.of(".holiday photos.zip.part.sift", "holiday photos.zip.part"), namesIn(downloads),
                "the partial file and what it belongs to stay");
        long kept = Files.size(downloads.resolve("holiday photos.zip.part"));
        assertEquals(breakAt, kept);

        Ends resumed = transfer(data, SIFT_PEER, Long.MAX_VALUE, out -> out);

        assertEquals(TransferState.COMPLETED, resumed.sent().state(), resumed.sent()::toString);
        assertEquals(TransferState.COMPLETED, resumed.received().state(), resumed.received()::toString);
        assertTrue(resumed.sent().verified() && resumed.received().verified(), "the whole file was checked");
        assertEquals(kept, resumed.received().resumedFrom());
        assertEquals(kept, resumed.sent().resumedFrom(), "the sender read the range from the answer");
        assertEquals(data.length - kept, resumed.sent().bytesTransferred(), "only the rest went over the stream");
        assertEquals(data.length - kept, resumed.received().bytesTransferred());
        assertEquals(Optional.of(sha256(data)), resumed.received().sha256());
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("holiday photos.zip")));
        assertEquals(List.of("holiday photos.zip"), namesIn(downloads));
    }

    @Test
    void aCorruptedResumedFileIsCaughtAndNothingIsKept() throws Exception {
        byte[] data = data(2 * 1024 * 1024, 12);
        transfer(data, SIFT_PEER, Long.MAX_VALUE, out -> new BreakingChannel(out, 500_000));
        // the kept bytes go bad on disk
        Path part = dir.resolve("downloads").resolve("holiday photos.zip.part");
        byte[] kept = Files.readAllBytes(part);
        kept[100] ^= 1;
        Files.write(part, kept);
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

        Ends resumed = transfer(data, SIFT_PEER, Long.MAX_VALUE, out -> out);

        assertEquals(FailureReason.HASH_MISMATCH, resumed.received().failure().orElseThrow().reason());
        assertEquals(FailureReason.HASH_MISMATCH, resumed.sent().failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(dir.resolve("downloads")), "a partial file known to be bad is not kept");
    }

    /** Passes the first bytes through, then fails as a broken connection does (the reader sees the end). */
    private static final class BreakingChannel implements WritableByteChannel {
        private final WritableByteChannel out;
        private long left;

        BreakingChannel(WritableByteChannel out, long after) {
            this.out = out;
            this.left = after;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (left == 0) {
                out.close();
                throw new IOException("connection reset");
            }
            ByteBuffer slice = src.duplicate();
            slice.limit(slice.position() + (int) Math.min(slice.remaining(), left));
            int written = 0;
            while (slice.hasRemaining()) {
                written += out.write(slice);
            }
            src.position(src.position() + written);
            left -= written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Passes bytes through, with the byte at one offset inverted: a relay that corrupts. */
    private static final class FlippingChannel implements WritableByteChannel {
        private final WritableByteChannel out;
        private final long flipAt;
        private long position;

        FlippingChannel(WritableByteChannel out, long flipAt) {
            this.out = out;
            this.flipAt = flipAt;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            ByteBuffer copy = ByteBuffer.allocate(n);
            copy.put(src.duplicate()).flip();
            if (flipAt >= position && flipAt < position + n) {
                int at = (int) (flipAt - position);
                copy.put(at, (byte) ~copy.get(at));
            }
            int written = 0;
            while (copy.hasRemaining()) {
                written += out.write(copy);
            }
            src.position(src.position() + written);
            position += written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
