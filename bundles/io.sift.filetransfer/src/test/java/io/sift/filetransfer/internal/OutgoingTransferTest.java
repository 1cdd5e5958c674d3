package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.StreamMethod;
import io.sift.spi.PendingStream;
import io.sift.spi.ByteStream;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

class OutgoingTransferTest {

    private static final StreamSession SESSION =
            new StreamSession(HubFixture.ACCOUNT, "sid-9", HubFixture.ACCOUNT + "/sift", HubFixture.PEER);

    @TempDir
    Path dir;

    private HubFixture fixture;
    private Path source;
    private byte[] data;

    @BeforeEach
    void setUp() throws IOException {
        data = new byte[1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        source = Files.write(dir.resolve("data.bin"), data);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private HubFixture fixture(long hashLimit) {
        fixture = new HubFixture(dir.resolve("downloads"), OfferPolicy.DECLINE, hashLimit);
        return fixture;
    }

    /** The peer accepts with {@code answer} and the method opens a pipe the test drains. */
    private CompletableFuture<byte[]> peerAccepts(HubFixture f, Optional<StandardExtensionElement> answer,
            FakeByteStream[] opened) {
        return peerAccepts(f, answer, opened, () -> { });
    }

    /** What happens while the peer decides, before it accepts. */
    private interface Deciding {
        void meanwhile() throws Exception;
    }

    private CompletableFuture<byte[]> peerAccepts(HubFixture f, Optional<StandardExtensionElement> answer,
            FakeByteStream[] opened, Deciding deciding) {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            try {
                Pipe pipe = Pipe.open();
                f.drain(pipe.source()).whenComplete((bytes, e) -> {
                    if (e != null) {
                        received.completeExceptionally(e);
                    } else {
                        received.complete(bytes);
                    }
                });
                opened[0] = FakeByteStream.writing(session, pipe.sink());
                return opened[0];
            } catch (IOException e) {
                throw new StreamException(StreamException.Kind.BROKEN, "no pipe", e);
            }
        });
        f.initiator.answerWith(offer -> {
            try {
                deciding.meanwhile();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return new NegotiatedStream(SESSION, method, answer);
        });
        return received;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void sendsTheWholeFile() throws Exception {
        HubFixture f = fixture(64L * 1024 * 1024);
        FakeByteStream[] opened = new FakeByteStream[1];
        CompletableFuture<byte[]> received = peerAccepts(f, Optional.empty(), opened);

        Transfer t = f.account.send("alice@example.org/home", source, SendOptions.defaults());
        assertEquals(Direction.OUTGOING, t.direction());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, received.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(data.length, t.bytesTransferred());
        assertEquals(Optional.of(source.toAbsolutePath()), t.file());
        assertEquals(Optional.of(FakeByteStream.METHOD), t.streamMethod());
        assertEquals(HubFixture.PEER, t.peer());
        assertTrue(opened[0].wasClosed());
        assertFalse(opened[0].wasAborted());
        assertEquals(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data))),
                t.sha256(), "the SHA-256 of what was sent");
        assertFalse(t.verified(), "a receiver that cannot confirm leaves the transfer unverified");
        assertEquals(List.of(t), f.account.transfers());
        assertEquals(Optional.of(t), f.account.transfer(t.id()));

        TransferEvent completed = f.awaitEvent(t.id(), Type.SENT);
        assertEquals(data.length, completed.bytesTransferred());
        assertEquals(t.sha256(), completed.sha256());
        List<Type> types = f.typesOf(t.id());
        assertEquals(List.of(Type.OFFERED, Type.STARTED), types.subList(0, 2));
        assertEquals(Type.SENT, types.get(types.size() - 1));
    }

    @Test
    void theOfferDescribesTheFile() throws Exception {
        HubFixture f = fixture(64L * 1024 * 1024);
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(NegotiationException.Kind.DECLINED, "no thanks");
        });
        SendOptions options = SendOptions.defaults().withDescription("the <data>").withFileName("renamed.bin")
                .withMethods(List.of(StreamMethods.IBB)).withAnswerTimeout(Duration.ofSeconds(9));

        Transfer t = f.account.send(" alice@example.org ", source, options);
        HubFixture.awaitEnd(t);

        StreamOffer offer = f.initiator.offers.get(0);
        assertEquals(HubFixture.ACCOUNT, offer.account());
        assertEquals("alice@example.org", offer.peer());
        assertEquals(FileElement.NAMESPACE, offer.profile());
        assertEquals(FileElement.MIME_TYPE, offer.mimeType());
        assertEquals(List.of(StreamMethods.IBB), offer.methods());
        assertEquals(Duration.ofSeconds(9), offer.answerTimeout());
        FileElement file = FileElement.parse(Xml.parse(offer.payload().toXML().toString()));
        assertEquals("renamed.bin", file.name());
        assertEquals(data.length, file.size());
        assertEquals(Optional.of(md5(data)), file.md5());
        assertEquals(Optional.of(Files.getLastModifiedTime(source).toInstant().getEpochSecond()),
                file.date().map(d -> d.getEpochSecond()));
        assertEquals(Optional.of("the <data>"), file.description());
        assertTrue(file.canResume());
        assertEquals("renamed.bin", t.fileName());
        assertEquals(TransferState.DECLINED, t.state());
    }

    @Test
    void theSha256IsReadWhileThePeerDecides() throws Exception {
        HubFixture f = fixture(0);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        f.initiator.answerWith(offer -> {
            // the offer is out and unanswered: the file's hash is read meanwhile, not after the bytes
            Await.until(HubFixture.TIMEOUT, () -> known(f, "SHA-256").isPresent());
            throw new NegotiationException(NegotiationException.Kind.DECLINED, "no");
        });
        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);
        assertEquals(TransferState.DECLINED, t.state());
        assertEquals(Optional.of(sha256), known(f, "SHA-256"));
    }

    @Test
    void aFileRewrittenWhileThePeerDecidedIsReportedWithTheHashOfWhatWasSent() throws Exception {
        HubFixture f = fixture(0);
        byte[] rewritten = data.clone();
        rewritten[0] ^= 1;
        FakeByteStream[] opened = new FakeByteStream[1];
        CompletableFuture<byte[]> received = peerAccepts(f, Optional.empty(), opened, () -> {
            Await.until(HubFixture.TIMEOUT, () -> known(f, "SHA-256").isPresent());
            // the same size, other bytes: only the file's time and content tell
            Files.write(source, rewritten);
            Files.setLastModifiedTime(source,
                    FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 10_000));
        });
        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertArrayEquals(rewritten, received.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rewritten))),
                t.sha256(), "the hash read ahead described the file before it changed");
    }

    private Optional<String> known(HubFixture f, String algorithm) {
        try {
            return f.hub.digests.known(source, algorithm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileAboveTheHashLimitIsOfferedWithoutHash() throws Exception {
        HubFixture f = fixture(data.length - 1);
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(NegotiationException.Kind.DECLINED, "no");
        });
        HubFixture.awaitEnd(f.account.send(HubFixture.PEER, source, SendOptions.defaults()));
        assertEquals(Optional.empty(), FileElement.parse(f.initiator.offers.get(0).payload()).md5());
    }

    @Test
    void aHashLimitOfZeroTurnsHashingOff() throws Exception {
        HubFixture f = fixture(0);
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(NegotiationException.Kind.DECLINED, "no");
        });
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        HubFixture.awaitEnd(f.account.send(HubFixture.PEER, empty, SendOptions.defaults()));
        FileElement file = FileElement.parse(f.initiator.offers.get(0).payload());
        assertEquals(0, file.size());
        assertEquals(Optional.empty(), file.md5());
    }

    @ParameterizedTest
    @CsvSource({
        "100, 1000",
        "0, 1",
        "1048576, 17",
        "1048593, 0",
    })
    void aRangeInTheAnswerSendsOnlyThatSlice(long offset, long length) throws Exception {
        HubFixture f = fixture(0);
        StandardExtensionElement answer = Xml.parse("<file xmlns='" + FileElement.NAMESPACE + "'><range offset='"
                + offset + "' length='" + length + "'/></file>");
        FakeByteStream[] opened = new FakeByteStream[1];
        CompletableFuture<byte[]> received = peerAccepts(f, Optional.of(answer), opened);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(Arrays.copyOfRange(data, (int) offset, (int) (offset + length)),
                received.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(length, t.bytesTransferred());
        assertEquals(data.length, t.size());
    }

    @Test
    void aRangeOutsideTheFileFailsBeforeAnyStreamOpens() throws Exception {
        HubFixture f = fixture(0);
        StandardExtensionElement answer = Xml.parse("<file xmlns='" + FileElement.NAMESPACE + "'><range offset='"
                + (data.length + 1) + "'/></file>");
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            throw new StreamException(StreamException.Kind.BROKEN, "must not be opened");
        });
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method, Optional.of(answer)));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.PROTOCOL_ERROR, t.failure().orElseThrow().reason());
        assertEquals(List.of(), method.opened);
    }

    @Test
    void aReceiverBusyWithOtherOffersGetsTheSameOfferAgainUntilItTakesIt() throws Exception {
        HubFixture f = fixture(64L * 1024 * 1024);
        FakeByteStream[] opened = new FakeByteStream[1];
        CompletableFuture<byte[]> received = peerAccepts(f, Optional.empty(), opened);
        FakeInitiator.Peer accepting = f.initiator.peer();
        java.util.concurrent.atomic.AtomicInteger offers = new java.util.concurrent.atomic.AtomicInteger();
        f.initiator.answerWith(offer -> {
            if (offers.incrementAndGet() <= 3) {
                throw new NegotiationException(NegotiationException.Kind.BUSY, "bob is busy with other offers");
            }
            return accepting.answer(offer);
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertEquals(4, offers.get(), "three busy answers, then taken");
        assertArrayEquals(data, received.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aReceiverThatStaysBusyPastTheAnswerTimeoutEndsItAsATimeout() throws Exception {
        HubFixture f = fixture(0);
        java.util.concurrent.atomic.AtomicInteger offers = new java.util.concurrent.atomic.AtomicInteger();
        f.initiator.answerWith(offer -> {
            offers.incrementAndGet();
            throw new NegotiationException(NegotiationException.Kind.BUSY, "bob is busy with other offers");
        });

        // 2 s: room for more than one offer even on a busy machine
        Transfer t = f.account.send(HubFixture.PEER, source,
                SendOptions.defaults().withAnswerTimeout(Duration.ofSeconds(2)));
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.TIMEOUT, t.failure().orElseThrow().reason());
        assertTrue(t.failure().orElseThrow().message().contains("the offer was not taken"), t::toString);
        assertTrue(offers.get() >= 2, "offered again while busy: " + offers.get());
    }

    /**
     * Another transfer of the account ends while a refused offer is on its way: the place it held may be
     * free, so the wait for the next offer is over before it starts, where waiting for the next end
     * would have slept out the pause.
     */
    @Test
    void anEndWhileTheRefusedOfferWasOnItsWayIsNotWaitedFor() throws Exception {
        HubFixture f = fixture(0);
        CountDownLatch offered = new CountDownLatch(1);
        CountDownLatch refuse = new CountDownLatch(1);
        f.initiator.answerWith(offer -> {
            offered.countDown();
            try {
                refuse.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new NegotiationException(NegotiationException.Kind.BUSY, "bob is busy with other offers");
        });
        Transfer other = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        assertTrue(offered.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        long before = f.account.ends();
        CompletableFuture<Void> afterBefore = f.account.endAfter(before);
        assertFalse(afterBefore.isDone(), "no transfer has ended yet");

        other.cancel();
        refuse.countDown();
        HubFixture.awaitEnd(other);

        assertEquals(before + 1, f.account.ends());
        assertTrue(f.account.endAfter(before).isDone(), "an end since the count was read is not waited for");
        assertTrue(afterBefore.isDone(), "whoever waited for the next end heard of it");
        assertFalse(f.account.endAfter(f.account.ends()).isDone(), "the end after this one is still to come");
    }

    @Test
    void cancellingWhileTheReceiverIsBusyEndsTheTransferAtOnce() throws Exception {
        HubFixture f = fixture(0);
        CountDownLatch busyOnce = new CountDownLatch(1);
        f.initiator.answerWith(offer -> {
            busyOnce.countDown();
            throw new NegotiationException(NegotiationException.Kind.BUSY, "bob is busy with other offers");
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        assertTrue(busyOnce.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        t.cancel();
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.CANCELLED, t.state());
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
    void aStreamThatCannotOpenEndsTheTransfer(StreamException.Kind kind, TransferState state, FailureReason reason)
            throws Exception {
        HubFixture f = fixture(0);
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            throw new StreamException(kind, "cannot open: " + kind);
        });
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(state, t.state());
        assertEquals(Optional.ofNullable(reason), t.failure().map(x -> x.reason()));
        assertEquals(List.of(SESSION), method.opened);
    }

    /** A stream method that only has a namespace; what open does is the test's. */
    private static StreamMethod method(String namespace, FakeStreamMethod.Opener opener) {
        return new StreamMethod() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public ByteStream open(StreamSession session) throws StreamException {
                return opener.open(session);
            }

            @Override
            public PendingStream expect(StreamSession session) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"REFUSED", "TIMEOUT"})
    void aRefusedStreamIsOfferedAgainOverTheRemainingMethods(StreamException.Kind kind) throws Exception {
        HubFixture f = fixture(0);
        StreamMethod socks5 = method(StreamMethods.SOCKS5, session -> {
            throw new StreamException(kind, "no streamhost worked");
        });
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        StreamMethod ibb = method(StreamMethods.IBB, session -> FakeByteStream.writing(session, Channels.newChannel(sent)));
        f.initiator.available = List.of(StreamMethods.SOCKS5, StreamMethods.IBB);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION,
                offer.methods().contains(StreamMethods.SOCKS5) ? socks5 : ibb, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, sent.toByteArray());
        assertEquals(Optional.of(FakeByteStream.METHOD), t.streamMethod(), "the method of the stream that carried the bytes");
        assertEquals(List.of(List.of(StreamMethods.SOCKS5, StreamMethods.IBB), List.of(StreamMethods.IBB)),
                f.initiator.offers.stream().map(StreamOffer::methods).toList());
        f.awaitEvent(t.id(), Type.SENT);
        List<Type> types = f.typesOf(t.id());
        assertEquals(List.of(Type.OFFERED, Type.FALLBACK, Type.STARTED), types.subList(0, 3));
    }

    @Test
    void aRetryableRefusalGetsOneNewSessionOverTheSameMethod() throws Exception {
        HubFixture f = fixture(0);
        int[] opens = new int[1];
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        StreamMethod ibb = method(StreamMethods.IBB, session -> {
            if (opens[0]++ == 0) {
                throw new StreamException(StreamException.Kind.REFUSED, "block size refused", true);
            }
            return FakeByteStream.writing(session, Channels.newChannel(sent));
        });
        f.initiator.available = List.of(StreamMethods.IBB);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, ibb, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, sent.toByteArray());
        assertEquals(2, f.initiator.offers.size());
        assertEquals(List.of(StreamMethods.IBB), f.initiator.offers.get(1).methods());
    }

    @Test
    void aSecondRetryableRefusalOfTheSameMethodEndsTheTransfer() throws Exception {
        HubFixture f = fixture(0);
        StreamMethod ibb = method(StreamMethods.IBB, session -> {
            throw new StreamException(StreamException.Kind.REFUSED, "block size refused", true);
        });
        f.initiator.available = List.of(StreamMethods.IBB);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, ibb, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(2, f.initiator.offers.size());
    }

    @Test
    void withoutFallbackARefusedStreamFailsTheTransfer() throws Exception {
        HubFixture f = fixture(0);
        StreamMethod socks5 = method(StreamMethods.SOCKS5, session -> {
            throw new StreamException(StreamException.Kind.REFUSED, "no streamhost worked");
        });
        f.initiator.available = List.of(StreamMethods.SOCKS5, StreamMethods.IBB);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, socks5, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults().withFallback(false));
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.STREAM_FAILED, t.failure().orElseThrow().reason());
        assertEquals(1, f.initiator.offers.size());
    }

    @ParameterizedTest
    @CsvSource({
        "CLOSED_BY_PEER, CANCELLED,",
        "BROKEN, FAILED, STREAM_FAILED",
        "METHOD_GONE, FAILED, STREAM_METHOD_GONE",
    })
    void aStreamThatBreaksWhileSendingEndsTheTransfer(StreamException.Kind kind, TransferState state,
            FailureReason reason) throws Exception {
        HubFixture f = fixture(0);
        WritableByteChannel breaking = new WritableByteChannel() {
            private long accepted;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (accepted >= 300_000) {
                    throw new StreamException(kind, "broke after " + accepted + " bytes");
                }
                int n = src.remaining();
                src.position(src.limit());
                accepted += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        FakeByteStream stream = FakeByteStream.writing(SESSION, breaking);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, new FakeStreamMethod(s -> stream),
                Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(state, t.state());
        assertEquals(Optional.ofNullable(reason), t.failure().map(x -> x.reason()));
        assertTrue(t.bytesTransferred() < data.length);
        assertFalse(stream.wasClosed());
        assertEquals(1, f.initiator.offers.size(), "nothing says a new session would do better");
    }

    /** Takes {@code limit} bytes, then breaks with {@code failure}. */
    private static WritableByteChannel breakingAfter(long limit, StreamException failure) {
        return new WritableByteChannel() {
            private long accepted;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (accepted >= limit) {
                    throw failure;
                }
                int n = src.remaining();
                src.position(src.limit());
                accepted += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static StreamException outOfSequence() {
        return new StreamException(StreamException.Kind.BROKEN, "the target took in-band blocks out of sequence", true);
    }

    /**
     * The first stream takes some bytes and breaks as {@code failure}; later streams carry what the
     * answer asks for into {@code received}. Each offer is answered with {@code answers}' next payload.
     */
    private List<FakeByteStream> breakThenCarry(HubFixture f, StreamException failure, ByteArrayOutputStream received,
            List<Optional<StandardExtensionElement>> answers) {
        List<FakeByteStream> streams = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            FakeByteStream stream = streams.isEmpty()
                    ? FakeByteStream.writing(session, breakingAfter(300_000, failure))
                    : FakeByteStream.writing(session, Channels.newChannel(received));
            streams.add(stream);
            return stream;
        });
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method,
                answers.get(Math.min(f.initiator.offers.size(), answers.size()) - 1)));
        return streams;
    }

    @Test
    void aStreamThatBreaksRetryablyIsOfferedOnceMoreOverItsMethodEvenWithoutFallback() throws Exception {
        HubFixture f = fixture(0);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<FakeByteStream> streams = breakThenCarry(f, outOfSequence(), received, List.of(Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source,
                SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)).withFallback(false));
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, received.toByteArray());
        assertEquals(data.length, t.bytesTransferred(), "what moved over the broken stream is not counted");
        assertEquals(2, f.initiator.offers.size());
        assertEquals(List.of(FakeByteStream.METHOD), f.initiator.offers.get(1).methods(), "the same method only");
        assertTrue(streams.get(0).wasAborted());
        assertTrue(streams.get(1).wasClosed());
        f.awaitEvent(t.id(), Type.SENT);
        List<TransferEvent> events = f.eventsOf(t.id());
        List<Type> types = events.stream().map(TransferEvent::type).filter(type -> type != Type.PROGRESS).toList();
        assertEquals(List.of(Type.OFFERED, Type.STARTED, Type.FALLBACK, Type.STARTED, Type.SENT), types);
        TransferEvent fallback = events.stream().filter(e -> e.type() == Type.FALLBACK).findFirst().orElseThrow();
        assertEquals(0, fallback.bytesTransferred(), "progress starts again with the new stream");
        long previous = 0;
        for (TransferEvent e : events.subList(events.indexOf(fallback), events.size())) {
            assertTrue(e.bytesTransferred() >= previous && e.bytesTransferred() <= data.length, e.toString());
            previous = e.bytesTransferred();
        }
    }

    @Test
    void aRetryToAReceiverThatKeptItsPartSendsOnlyTheRest() throws Exception {
        HubFixture f = fixture(0);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        StandardExtensionElement rest = Xml.parse("<file xmlns='" + FileElement.NAMESPACE + "'><range offset='"
                + 262_144 + "'/></file>");
        breakThenCarry(f, outOfSequence(), received, List.of(Optional.empty(), Optional.of(rest)));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(Arrays.copyOfRange(data, 262_144, data.length), received.toByteArray());
        assertEquals(262_144, t.resumedFrom());
        assertEquals(data.length - 262_144, t.bytesTransferred());
    }

    @Test
    void aSecondRetryableBreakEndsTheTransfer() throws Exception {
        HubFixture f = fixture(0);
        FakeStreamMethod method = new FakeStreamMethod(
                session -> FakeByteStream.writing(session, breakingAfter(300_000, outOfSequence())));
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method, Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.STREAM_FAILED, t.failure().orElseThrow().reason());
        assertTrue(t.failure().orElseThrow().message().contains("out of sequence"), t.failure().toString());
        assertEquals(2, f.initiator.offers.size(), "offered once more, not again and again");
    }

    @Test
    void aTransferCancelledWhileItsRetryIsOfferedStaysCancelled() throws Exception {
        HubFixture f = fixture(0);
        CountDownLatch offeredAgain = new CountDownLatch(1);
        FakeStreamMethod method = new FakeStreamMethod(
                session -> FakeByteStream.writing(session, breakingAfter(300_000, outOfSequence())));
        f.initiator.answerWith(offer -> {
            if (f.initiator.offers.size() > 1) {
                offeredAgain.countDown();
                try {
                    new CompletableFuture<Void>().get(); // the peer does not answer; the cancel interrupts
                } catch (ExecutionException e) {
                    throw new AssertionError(e);
                }
            }
            return new NegotiatedStream(SESSION, method, Optional.empty());
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        assertTrue(offeredAgain.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(t.cancel());
        HubFixture.awaitEnd(t);
        assertEquals(TransferState.CANCELLED, t.state());
    }

    @ParameterizedTest
    @CsvSource({
        "DECLINED, DECLINED,",
        "TIMEOUT, FAILED, TIMEOUT",
        "NO_VALID_STREAMS, FAILED, NO_COMMON_METHOD",
        "NO_COMMON_METHOD, FAILED, NO_COMMON_METHOD",
        "NOT_SUPPORTED, FAILED, NOT_SUPPORTED",
        "PEER_UNAVAILABLE, FAILED, PEER_UNAVAILABLE",
        "ACCOUNT_OFFLINE, FAILED, ACCOUNT_OFFLINE",
        "PROTOCOL_ERROR, FAILED, PROTOCOL_ERROR",
    })
    void aFailedNegotiationEndsTheTransfer(NegotiationException.Kind kind, TransferState state,
            FailureReason reason) throws Exception {
        HubFixture f = fixture(0);
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(kind, "negotiation: " + kind);
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(state, t.state());
        assertEquals(Optional.ofNullable(reason), t.failure().map(x -> x.reason()));
        assertEquals(0, t.bytesTransferred());
        f.awaitEvent(t.id(), Type.valueOf(state.name()));
        assertEquals(List.of(Type.OFFERED, Type.valueOf(state.name())), f.typesOf(t.id()));
    }

    @Test
    void noCommonMethodNamesTheAllowedMethods() throws Exception {
        HubFixture f = fixture(0);
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(NegotiationException.Kind.NO_COMMON_METHOD, "none in common");
        });
        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults().withMethods(
                List.of(StreamMethods.IBB, StreamMethods.SOCKS5)));
        HubFixture.awaitEnd(t);
        assertEquals("none in common (allowed: ibb, socks5)", t.failure().orElseThrow().message());
    }

    @Test
    void cancellingWhileBytesMoveAbortsTheStream() throws Exception {
        HubFixture f = fixture(0);
        Pipe pipe = Pipe.open(); // nobody reads: the sender blocks once the pipe is full
        FakeByteStream stream = FakeByteStream.writing(SESSION, pipe.sink());
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, new FakeStreamMethod(s -> stream),
                Optional.empty()));

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        f.awaitEvent(t.id(), Type.STARTED);
        assertTrue(t.cancel());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.CANCELLED, t.state());
        assertTrue(stream.aborted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(t.cancel());
        pipe.source().close();
    }

    @Test
    void cancellingWhileThePeerDecidesInterruptsTheWait() throws Exception {
        HubFixture f = fixture(0);
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        CountDownLatch asked = new CountDownLatch(1);
        f.initiator.answerWith(offer -> {
            asked.countDown();
            try {
                new CompletableFuture<Void>().get(); // the peer never answers
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                interrupted.complete(null);
                throw e;
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        assertTrue(asked.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(t.cancel());
        interrupted.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(TransferState.CANCELLED, t.state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "example.org", "not a jid@@", "@example.org"})
    void aBadPeerIsRefusedAtOnce(String peer) {
        HubFixture f = fixture(0);
        assertThrows(IllegalArgumentException.class, () -> f.account.send(peer, source, SendOptions.defaults()));
        assertEquals(List.of(), f.account.transfers());
    }

    @Test
    void aFileThatCannotBeReadIsRefusedAtOnce() {
        HubFixture f = fixture(0);
        assertThrows(IllegalArgumentException.class,
                () -> f.account.send(HubFixture.PEER, dir.resolve("missing.bin"), SendOptions.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> f.account.send(HubFixture.PEER, dir, SendOptions.defaults()));
        assertEquals(List.of(), f.account.transfers());
    }
}
