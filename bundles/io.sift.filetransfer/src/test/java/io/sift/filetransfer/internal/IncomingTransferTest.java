package io.sift.filetransfer.internal;

import static io.sift.filetransfer.internal.HubFixture.namesIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sift.api.FailureReason;
import io.sift.api.OfferDecision;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.StreamException;

class IncomingTransferTest {

    @TempDir
    Path downloads;

    private HubFixture fixture;

    /** The initiator's end of an opened stream, and the target's stream the transfer reads. */
    private record Opened(FakeByteStream stream, Pipe.SinkChannel sender) {
    }

    private HubFixture fixture(OfferPolicy policy) {
        fixture = new HubFixture(downloads, policy);
        return fixture;
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static FakeStreamOffer offer(String name, long size, Optional<String> md5) {
        StandardExtensionElement payload = new FileElement(name, size, md5, Optional.empty(), Optional.empty(), false, false)
                .toElement();
        return new FakeStreamOffer(payload);
    }

    private static Opened open(FakeStreamOffer offer) throws IOException {
        Pipe pipe = Pipe.open();
        FakeByteStream stream = FakeByteStream.reading(FakeStreamOffer.SESSION, pipe.source());
        offer.pending.open(stream);
        return new Opened(stream, pipe.sink());
    }

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024 * 1024})
    void receivesEveryByteIntoTheFinalFile(int size) throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(size);
        FakeStreamOffer offer = offer("data.bin", size, Optional.of(md5(data)));
        Opened opened = open(offer);
        f.sendAndClose(opened.sender(), data);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        Path stored = downloads.resolve("data.bin");
        assertEquals(Optional.of(stored), record.file());
        assertArrayEquals(sha256(data), sha256(Files.readAllBytes(stored)));
        assertEquals(List.of("data.bin"), namesIn(downloads));
        assertEquals(size, record.bytesTransferred());
        assertEquals(List.of("accept"), offer.answers());
        assertTrue(opened.stream().wasClosed());
        assertFalse(opened.stream().wasAborted());
        assertEquals(size, f.awaitEvent(record.id(), Type.COMPLETED).bytesTransferred());
        List<Type> types = f.typesOf(record.id());
        assertEquals(List.of(Type.OFFERED, Type.STARTED), types.subList(0, 2));
        assertEquals(Type.COMPLETED, types.get(types.size() - 1));
        assertTrue(types.subList(2, types.size() - 1).stream().allMatch(t -> t == Type.PROGRESS), types::toString);
    }

    /**
     * A proxy relays a few kilobytes per read and an in-band block is one read: the reads fill the
     * hasher's buffers piece by piece, and a piece that does not divide the buffer size straddles them.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 997, 65_535})
    void receivesEveryByteWhenTheStreamArrivesInSmallReads(int piece) throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(piece == 1 ? 70_001 : 3 * HashingPipe.BUFFER + 5);
        FakeStreamOffer offer = offer("pieces.bin", data.length, Optional.of(md5(data)));
        Pipe pipe = Pipe.open();
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, inPieces(pipe.source(), piece)));
        f.sendAndClose(pipe.sink(), data);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertTrue(record.verified(), "the announced MD5 matched what arrived");
        assertEquals(Optional.of(HexFormat.of().formatHex(sha256(data))), record.sha256());
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("pieces.bin")));
        assertEquals(data.length, record.bytesTransferred());
    }

    @Test
    void aStreamThatBreaksKeepsEveryByteThatArrivedForTheResume() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(200_000);
        int arrived = 100_003; // not a whole batch: the last reads are still gathered when the stream breaks
        StandardExtensionElement payload = new FileElement("a.bin", data.length, Optional.of(md5(data)),
                Optional.empty(), Optional.empty(), true, false).toElement();
        FakeStreamOffer offer = new FakeStreamOffer(payload);
        InputStream reset = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        ReadableByteChannel breaking = inPieces(Channels.newChannel(
                new SequenceInputStream(new ByteArrayInputStream(data, 0, arrived), reset)), 997);
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, breaking));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.STREAM_FAILED, record.failure().orElseThrow().reason());
        assertEquals(arrived, record.bytesTransferred());
        byte[] kept = Files.readAllBytes(downloads.resolve("a.bin.part"));
        assertArrayEquals(Arrays.copyOf(data, arrived), kept, "the partial file holds what arrived");
    }

    /** At most {@code piece} bytes per read. */
    private static ReadableByteChannel inPieces(ReadableByteChannel in, int piece) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int limit = dst.limit();
                dst.limit(Math.min(limit, dst.position() + piece));
                try {
                    return in.read(dst);
                } finally {
                    dst.limit(limit);
                }
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Test
    void anOfferWithoutHashIsStoredBySizeAlone() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(70_000);
        FakeStreamOffer offer = offer("nohash.bin", data.length, Optional.empty());
        f.sendAndClose(open(offer).sender(), data);
        TransferRecord record = f.receive(offer).finish();
        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("nohash.bin")));
    }

    @Test
    void aWrongHashFailsAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(100_000);
        FakeStreamOffer offer = offer("data.bin", data.length, Optional.of(md5(new byte[] {1, 2, 3})));
        Opened opened = open(offer);
        f.sendAndClose(opened.sender(), data);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.HASH_MISMATCH, record.failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(downloads));
        assertEquals(Optional.empty(), record.file());
        assertTrue(opened.stream().wasAborted());
    }

    @Test
    void aSenderThatStopsEarlyCancelsAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("data.bin", 100, Optional.empty());
        f.sendAndClose(open(offer).sender(), randomBytes(40));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.CANCELLED, record.state());
        assertEquals(Optional.empty(), record.failure());
        assertEquals(List.of(), namesIn(downloads));
        assertEquals(Type.CANCELLED, f.awaitEvent(record.id(), Type.CANCELLED).type());
    }

    @Test
    void aSenderThatSendsTooMuchFailsAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("data.bin", 100, Optional.empty());
        Opened opened = open(offer);
        f.sendAndClose(opened.sender(), randomBytes(150));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.SIZE_MISMATCH, record.failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(downloads));
        assertTrue(opened.stream().wasAborted());
        assertTrue(record.bytesTransferred() <= 100);
    }

    @Test
    void aDeclinedOfferIsAnsweredOnceAndStoresNothing() throws Exception {
        HubFixture f = fixture(OfferPolicy.DECLINE);
        FakeStreamOffer offer = offer("data.bin", 10, Optional.empty());

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.DECLINED, record.state());
        assertEquals(List.of("decline:null"), offer.answers());
        assertEquals(List.of(), namesIn(downloads));
        f.awaitEvent(record.id(), Type.DECLINED);
        assertEquals(List.of(Type.OFFERED, Type.DECLINED), f.typesOf(record.id()));
    }

    @Test
    void aHandlersReasonGoesToTheSender() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        f.hub.decider.add(new FakeServiceReference<>(1, 0), o -> OfferDecision.decline("too big for me"));
        FakeStreamOffer offer = offer("data.bin", 10, Optional.empty());
        TransferRecord record = f.receive(offer).finish();
        assertEquals(TransferState.DECLINED, record.state());
        assertEquals(List.of("decline:too big for me"), offer.answers());
    }

    @Test
    void aTakenNameGetsANumberAndTheOldFileStays() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        Files.writeString(downloads.resolve("report.pdf"), "mine");
        byte[] data = randomBytes(5000);
        FakeStreamOffer offer = offer("report.pdf", data.length, Optional.of(md5(data)));
        f.sendAndClose(open(offer).sender(), data);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertEquals(Optional.of(downloads.resolve("report (1).pdf")), record.file());
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("report (1).pdf")));
        assertEquals("mine", Files.readString(downloads.resolve("report.pdf")));
        assertEquals(List.of("report (1).pdf", "report.pdf"), namesIn(downloads));
    }

    @Test
    void aHostileNameStaysInTheDownloadDirectory() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(10);
        FakeStreamOffer offer = offer("../../../etc/cron.d/\u202Eevil", data.length, Optional.empty());
        f.sendAndClose(open(offer).sender(), data);
        TransferRecord record = f.receive(offer).finish();
        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertEquals(Optional.of(downloads.resolve("evil")), record.file());
        assertEquals(List.of("evil"), namesIn(downloads));
    }

    @Test
    void aHandlerCanNameADirectoryThatDoesNotExistYet() throws Exception {
        HubFixture f = fixture(OfferPolicy.DECLINE);
        Path inbox = downloads.resolve("from/alice");
        f.hub.decider.add(new FakeServiceReference<>(1, 0), o -> OfferDecision.acceptInto(inbox));
        byte[] data = randomBytes(3);
        FakeStreamOffer offer = offer("a.txt", data.length, Optional.empty());
        f.sendAndClose(open(offer).sender(), data);
        TransferRecord record = f.receive(offer).finish();
        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("a.txt")));
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsAndAnswersTheOfferOnce() throws Exception {
        HubFixture f = fixture(OfferPolicy.DECLINE);
        Path blocker = Files.writeString(downloads.resolve("blocker"), "a file, not a directory");
        f.hub.decider.add(new FakeServiceReference<>(1, 0), o -> OfferDecision.acceptInto(blocker.resolve("in")));
        FakeStreamOffer offer = offer("a.txt", 3, Optional.empty());

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.LOCAL_IO, record.failure().orElseThrow().reason());
        assertEquals(List.of("decline:cannot store the file"), offer.answers());
    }

    @ParameterizedTest
    @CsvSource({
        "CLOSED_BY_PEER, CANCELLED,",
        "METHOD_GONE, FAILED, STREAM_METHOD_GONE",
        "REFUSED, FAILED, STREAM_FAILED",
        "BROKEN, FAILED, STREAM_FAILED",
        "TIMEOUT, FAILED, TIMEOUT",
        "OFFLINE, FAILED, ACCOUNT_OFFLINE",
    })
    void aStreamThatIsNeverOpenedEndsTheTransfer(StreamException.Kind kind, TransferState state,
            FailureReason reason) throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("a.txt", 3, Optional.empty());
        offer.pending.fail(new StreamException(kind, "no stream: " + kind));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(state, record.state());
        assertEquals(Optional.ofNullable(reason), record.failure().map(x -> x.reason()));
        assertEquals(List.of(), namesIn(downloads));
        assertEquals(List.of("accept"), offer.answers());
    }

    @Test
    void aStreamThatBreaksWhileReadingFailsAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("a.bin", 1000, Optional.empty());
        ReadableByteChannel breaking = new ReadableByteChannel() {
            private boolean first = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (first) {
                    first = false;
                    dst.put(new byte[100]);
                    return 100;
                }
                throw new StreamException(StreamException.Kind.METHOD_GONE, "the method's bundle stopped");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        FakeByteStream stream = FakeByteStream.reading(FakeStreamOffer.SESSION, breaking);
        offer.pending.open(stream);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.STREAM_METHOD_GONE, record.failure().orElseThrow().reason());
        assertEquals(100, record.bytesTransferred());
        assertEquals(List.of(), namesIn(downloads));
        assertTrue(stream.wasAborted());
    }

    @Test
    void anAcceptThatCannotBeSentFailsAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("a.txt", 3, Optional.empty());
        offer.failAcceptWith(new NegotiationException(NegotiationException.Kind.ACCOUNT_OFFLINE, "offline"));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.ACCOUNT_OFFLINE, record.failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(downloads));
    }

    @Test
    void cancellingWhileBytesMoveAbortsTheStreamAndLeavesNoFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("big.bin", 10_000_000, Optional.empty());
        Pipe pipe = Pipe.open();
        CountDownLatch firstBytes = new CountDownLatch(1);
        ReadableByteChannel signalling = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = pipe.source().read(dst);
                if (n > 0) {
                    firstBytes.countDown();
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return pipe.source().isOpen();
            }

            @Override
            public void close() throws IOException {
                pipe.source().close();
            }
        };
        FakeByteStream stream = FakeByteStream.reading(FakeStreamOffer.SESSION, signalling);
        offer.pending.open(stream);
        pipe.sink().write(ByteBuffer.wrap(randomBytes(4096))); // and then nothing more

        HubFixture.Incoming incoming = f.receive(offer);
        assertTrue(firstBytes.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(incoming.record().cancel());
        TransferRecord record = incoming.finish();

        assertEquals(TransferState.CANCELLED, record.state());
        assertTrue(stream.wasAborted());
        assertEquals(List.of(), namesIn(downloads));
        assertEquals(List.of("accept"), offer.answers());
        pipe.sink().close();
    }

    @Test
    void cancellingBeforeTheStreamOpensStopsTheWait() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("a.txt", 3, Optional.empty());
        HubFixture.Incoming incoming = f.receive(offer);
        // the stream is never opened: the worker waits in PendingStream.await until the cancel
        assertTrue(offer.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(incoming.record().cancel());
        TransferRecord record = incoming.finish();
        assertEquals(TransferState.CANCELLED, record.state());
        assertEquals(List.of(), namesIn(downloads));
    }

    @Test
    void aStalledTransferFailsWithTimeout() throws Exception {
        fixture = new HubFixture(downloads, OfferPolicy.ACCEPT, 0, Duration.ofSeconds(1));
        FakeStreamOffer offer = offer("slow.bin", 1000, Optional.empty());
        Opened opened = open(offer);
        opened.sender().write(ByteBuffer.wrap(randomBytes(10))); // then the sender goes quiet

        TransferRecord record = fixture.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.TIMEOUT, record.failure().orElseThrow().reason());
        assertTrue(opened.stream().wasAborted());
        assertEquals(List.of(), namesIn(downloads));
        opened.sender().close();
    }

    @Test
    void aPeerThatGoesOfflineFailsItsTransferOnceItsDataStopsAndOnlyIts() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(100_000);
        FakeStreamOffer offer = offer("offline.bin", data.length * 2L, Optional.empty());
        Opened opened = open(offer);
        HubFixture.Incoming incoming = f.receive(offer);
        // half of the file arrives, then the sender's presence says it is gone
        ByteBuffer half = ByteBuffer.wrap(data);
        while (half.hasRemaining()) {
            opened.sender().write(half);
        }
        f.awaitEvent(incoming.record().id(), Type.STARTED);

        f.account.peerUnavailable("someone-else@example.org/home");
        f.account.peerUnavailable(HubFixture.PEER.toUpperCase(java.util.Locale.ROOT));
        TransferRecord record = incoming.finish();

        assertEquals(TransferState.FAILED, record.state(), record::toString);
        assertEquals(FailureReason.PEER_UNAVAILABLE, record.failure().orElseThrow().reason());
        assertTrue(opened.stream().wasAborted(), "the stream is torn down");
        opened.sender().close();
    }

    @Test
    void anOfferWaitingForItsStreamFailsWhenThePeerLeftButNotForABarePresence() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("bare.bin", 10, Optional.empty());
        HubFixture.Incoming incoming = f.receive(offer);
        assertTrue(offer.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

        // a late answer to a presence probe: the contact may well be online again
        f.account.peerUnavailable("alice@example.org");
        assertFalse(incoming.record().isPeerGone());
        assertFalse(incoming.record().state().isFinal());

        f.account.peerUnavailable(HubFixture.PEER); // and no stream ever comes
        TransferRecord record = incoming.finish();
        assertEquals(FailureReason.PEER_UNAVAILABLE, record.failure().orElseThrow().reason(), record::toString);
        assertEquals(List.of(), namesIn(downloads), "nothing was written: nothing is kept");
    }

    @Test
    void aStreamOvertakenByItsSendersLeavingStillDeliversTheFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(3_000);
        FakeStreamOffer offer = offer("small-and-gone.bin", data.length, Optional.of(md5(data)));
        HubFixture.Incoming incoming = f.receive(offer);
        assertTrue(offer.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Await.until(HubFixture.TIMEOUT, () -> incoming.record().state() == TransferState.NEGOTIATING);

        // the sender opened its stream, sent everything and left; its presence is handled first here
        f.account.peerUnavailable(HubFixture.PEER);
        Opened opened = open(offer);
        f.sendAndClose(opened.sender(), data);

        TransferRecord record = incoming.finish();
        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertTrue(record.verified());
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("small-and-gone.bin")));
    }

    @Test
    void bytesTheSenderWroteBeforeLeavingStillComplete() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT);
        byte[] data = randomBytes(200_000);
        FakeStreamOffer offer = offer("last-words.bin", data.length, Optional.of(md5(data)));
        Opened opened = open(offer);
        HubFixture.Incoming incoming = f.receive(offer);
        f.awaitEvent(incoming.record().id(), Type.STARTED);

        f.account.peerUnavailable(HubFixture.PEER); // its presence overtakes its last bytes
        f.sendAndClose(opened.sender(), data);

        TransferRecord record = incoming.finish();
        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertTrue(record.verified());
    }

    @Test
    void offersWaitingForTheirStreamHoldNoWorkerAndAreLimitedPerPeer() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT); // 4 workers, 16 waiting offers per peer
        List<HubFixture.Incoming> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FakeStreamOffer idle = offer("idle-" + i + ".bin", 10, Optional.empty());
            waiting.add(f.receive(idle));
            assertTrue(idle.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        // ten accepted offers wait for streams that never open; a real one still gets a worker at once
        byte[] data = randomBytes(50_000);
        FakeStreamOffer real = offer("real.bin", data.length, Optional.of(md5(data)));
        Opened opened = open(real);
        f.sendAndClose(opened.sender(), data);
        TransferRecord done = f.receive(real).finish();
        assertEquals(TransferState.COMPLETED, done.state(), done::toString);

        for (int i = 10; i < 16; i++) {
            waiting.add(f.receive(offer("idle-" + i + ".bin", 10, Optional.empty())));
        }
        assertTrue(f.account.refusesIncoming(HubFixture.PEER), "16 offers from one peer wait");
        assertFalse(f.account.refusesIncoming("carol@example.org/x"), "another peer is served");
        // each cancel deletes its partial file on the transfer's own thread: done before the folder goes
        for (HubFixture.Incoming w : waiting) {
            w.record().cancel();
            w.finish();
        }
    }

    @Test
    void aTransferCancelledWhileItWaitsForAWorkerStillLetsGoOfItsPartialFile() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT); // 4 workers
        // four outgoing sends hold every worker while their offers wait for an answer
        CountDownLatch answer = new CountDownLatch(1);
        f.initiator.answerWith(o -> {
            answer.await();
            throw new io.sift.negotiation.NegotiationException(
                    io.sift.negotiation.NegotiationException.Kind.DECLINED, "no");
        });
        Path source = Files.write(downloads.resolveSibling("out.bin"), new byte[10]);
        for (int i = 0; i < 4; i++) {
            f.account.send(HubFixture.PEER, source, io.sift.api.SendOptions.defaults());
        }
        try {
            FakeStreamOffer offer = offer("queued.bin", 1000, Optional.empty());
            Opened opened = open(offer);
            HubFixture.Incoming incoming = f.receive(offer);
            // its stream is open and it waits for a worker; then it is cancelled here
            Await.until(Duration.ofSeconds(20), () -> incoming.record().state() == TransferState.NEGOTIATING
                    && !f.hub.heldParts().isEmpty());
            assertTrue(incoming.record().cancel());

            TransferRecord record = incoming.finish();
            assertEquals(TransferState.CANCELLED, record.state());
            assertTrue(f.hub.heldParts().isEmpty(), "the partial file is let go");
            assertEquals(List.of(), namesIn(downloads), "cancelled here: nothing is kept");
            opened.sender().close();
        } finally {
            answer.countDown();
        }
    }

    @Test
    void offersHandledAtOnceAreAdmittedNoMoreThanTheLimit() throws Exception {
        HubFixture f = fixture(OfferPolicy.ACCEPT); // 16 incoming transfers per peer
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> admitted = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                admitted.add(threads.submit(() -> {
                    go.await();
                    return f.account.admitIncoming(HubFixture.PEER, () -> f.hub.newRecord(f.account, HubFixture.PEER,
                            io.sift.api.Direction.INCOMING, "f" + n, 1, Optional.empty(), null)).isPresent();
                }));
            }
            go.countDown();
            int count = 0;
            for (java.util.concurrent.Future<Boolean> a : admitted) {
                count += a.get() ? 1 : 0;
            }
            assertEquals(16, count);
        } finally {
            threads.shutdownNow();
        }
    }
}
