package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sift.api.FailureReason;
import io.sift.api.FileSource;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferEvent.Type;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * Sending a {@link FileSource} that is not a file: its bytes, the size it declared held against what
 * it yields, the positions it is opened at, and what a failing source does to the transfer.
 */
class SourceTransferTest {

    private static final StreamSession SESSION =
            new StreamSession(HubFixture.ACCOUNT, "sid-7", HubFixture.ACCOUNT + "/sift", HubFixture.PEER);
    private static final Set<String> SIFT_PEER = Set.of("http://jabber.org/protocol/si",
            "http://jabber.org/protocol/si/profile/file-transfer", FileCheck.NAMESPACE);
    private static final Set<String> PLAIN_PEER = Set.of("http://jabber.org/protocol/si",
            "http://jabber.org/protocol/si/profile/file-transfer");

    @TempDir
    Path dir;

    private HubFixture fixture;
    private byte[] data;

    @BeforeEach
    void setUp() {
        data = new byte[1024 * 1024 + 17]; // several of the copy's buffers, the last one partly filled
        new Random(11).nextBytes(data);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private HubFixture fixture(long hashLimit, Set<String> peerFeatures) {
        fixture = new HubFixture(dir.resolve("downloads"), OfferPolicy.ACCEPT, hashLimit);
        fixture.initiator.peerFeatures = peerFeatures;
        return fixture;
    }

    /** What the peer read from the stream, and the stream. */
    private record Received(CompletableFuture<byte[]> bytes, List<FakeByteStream> streams) {
        byte[] get() throws Exception {
            return bytes.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        FakeByteStream stream() {
            return streams.get(0);
        }
    }

    /** The peer accepts every offer with {@code answer} and reads the one stream to its end. */
    private Received peerAccepts(HubFixture f, Optional<StandardExtensionElement> answer) {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        List<FakeByteStream> streams = new CopyOnWriteArrayList<>();
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
                FakeByteStream stream = FakeByteStream.writing(session, pipe.sink());
                streams.add(stream);
                return stream;
            } catch (IOException e) {
                throw new StreamException(StreamException.Kind.BROKEN, "no pipe", e);
            }
        });
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method, answer));
        return new Received(received, streams);
    }

    private static StandardExtensionElement range(long offset) throws Exception {
        return Xml.parse("<file xmlns='" + FileElement.NAMESPACE + "'><range offset='" + offset + "'/></file>");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    /** The final event arrived, and no event ever claimed the file went through. */
    private void assertNeverDelivered(Transfer t) throws Exception {
        f().awaitEvent(t.id(), Type.FAILED);
        List<Type> types = f().typesOf(t.id());
        assertFalse(types.contains(Type.COMPLETED) || types.contains(Type.SENT), types::toString);
        assertEquals(Type.FAILED, types.get(types.size() - 1));
    }

    private HubFixture f() {
        return fixture;
    }

    @Test
    void aStreamSourceArrivesIntactAtASiftReceiverThatConfirmsItAndItsListenerHearsEveryStep() throws Exception {
        HubFixture f = fixture(Long.MAX_VALUE, SIFT_PEER);
        CompletableFuture<HubFixture.Incoming> incoming = new CompletableFuture<>();
        CompletableFuture<FakeStreamOffer> offered = new CompletableFuture<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            try {
                Pipe pipe = Pipe.open();
                offered.join().pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, pipe.source()));
                return FakeByteStream.writing(session, pipe.sink());
            } catch (IOException e) {
                throw new StreamException(StreamException.Kind.BROKEN, "no pipe", e);
            }
        });
        f.initiator.answerWith(offer -> {
            FakeStreamOffer toReceiver;
            try {
                toReceiver = new FakeStreamOffer(Xml.parse(offer.payload().toXML().toString()));
                offered.complete(toReceiver);
                incoming.complete(f.receive(toReceiver));
            } catch (Exception e) {
                throw new NegotiationException(NegotiationException.Kind.PROTOCOL_ERROR, e.toString(), e);
            }
            if (!toReceiver.accepted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NegotiationException(NegotiationException.Kind.TIMEOUT, "the receiver did not accept");
            }
            return new NegotiatedStream(FakeStreamOffer.SESSION, method, toReceiver.answerPayload());
        });
        List<TransferEvent> heard = new CopyOnWriteArrayList<>();
        FileSource source = FileSource.fromStream("minutes.bin", data.length, () -> new ByteArrayInputStream(data));

        Transfer sent = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        sent.addListener(heard::add); // after send returned: it still hears the whole story
        HubFixture.awaitEnd(sent);
        TransferRecord received = incoming.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).finish();

        assertEquals(TransferState.COMPLETED, sent.state(), sent::toString);
        assertTrue(sent.verified(), "the receiver confirmed the SHA-256");
        assertEquals(Optional.of(sha256(data)), sent.sha256());
        assertEquals(Optional.empty(), sent.file(), "no local file behind it");
        assertEquals(TransferState.COMPLETED, received.state(), received::toString);
        assertTrue(received.verified());
        assertArrayEquals(data, Files.readAllBytes(received.file().orElseThrow()));
        assertEquals("minutes.bin", received.fileName());

        f.awaitEvent(sent.id(), Type.COMPLETED);
        Await.until(HubFixture.TIMEOUT, () -> !heard.isEmpty() && heard.get(heard.size() - 1).type() == Type.COMPLETED);
        List<Type> types = heard.stream().map(TransferEvent::type).toList();
        assertEquals(Type.OFFERED, types.get(0), types::toString);
        assertEquals(Type.STARTED, types.get(1), types::toString);
        assertTrue(types.subList(2, types.size() - 1).stream().allMatch(t -> t == Type.PROGRESS), types::toString);
        List<TransferEvent> all = f.eventsOf(sent.id());
        assertEquals(all.stream().filter(heard::contains).toList(), heard, "the whiteboard's events, in order");
    }

    @Test
    void aPlainReceiverGetsTheMd5ReadFromTheSourceBeforeTheOfferAndTheTransferEndsSent() throws Exception {
        HubFixture f = fixture(Long.MAX_VALUE, PLAIN_PEER);
        Received received = peerAccepts(f, Optional.empty());
        Instant modified = Instant.parse("2024-05-06T07:08:09Z");
        ByteSource bytes = new ByteSource("notes.txt", data);
        FileSource source = bytes.withLastModified(modified).withMimeType("text/plain");

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults().withDescription("notes"));
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, received.get());
        assertEquals(Optional.of(sha256(data)), t.sha256());
        assertEquals(data.length, t.bytesTransferred());
        StreamOffer offer = f.initiator.offers.get(0);
        assertEquals("text/plain", offer.mimeType());
        FileElement file = FileElement.parse(Xml.parse(offer.payload().toXML().toString()));
        assertEquals("notes.txt", file.name());
        assertEquals(data.length, file.size());
        assertEquals(Optional.of(md5(data)), file.md5());
        assertEquals(Optional.of(modified), file.date());
        assertEquals(Optional.of("notes"), file.description());
        assertEquals(List.of(0L, 0L), bytes.opened, "once for the MD5, once for the stream");
        assertEquals(List.of(0L, 0L), bytes.closed, "every channel closed");
        assertTrue(received.stream().wasClosed());
    }

    @ParameterizedTest
    @CsvSource({
        // declared size, real size: what the source yields
        "1048594, 1048593, ended after 1048593 of the 1048594 bytes it declared",
        "1048592, 1048593, has more than the 1048592 bytes it declared",
        "100, 50, ended after 50 of the 100 bytes it declared",
        "100, 101, has more than the 100 bytes it declared",
        "1, 0, ended after 0 of the 1 bytes it declared",
    })
    void aSourceThatYieldsFewerOrMoreBytesThanItDeclaredFailsBeforeTheReceiverHasThemAll(long declared, int real,
            String why) throws Exception {
        HubFixture f = fixture(Long.MAX_VALUE, SIFT_PEER); // no MD5 first: the copy finds it out
        Received received = peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("odd.bin", Arrays.copyOf(data, real), declared);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.SIZE_MISMATCH, t.failure().orElseThrow().reason());
        assertEquals("the source of odd.bin " + why, t.failure().orElseThrow().message());
        assertEquals(Optional.empty(), t.sha256());
        assertNeverDelivered(t);
        assertAborted(received.stream());
        byte[] got = received.get();
        assertTrue(got.length < declared, "the receiver lacks bytes: " + got.length + " of " + declared);
        assertArrayEquals(Arrays.copyOf(data, got.length), got);
        assertEquals(List.of(0L), source.closed);
    }

    /** Aborted (which undoes a failed transfer, just after its end), never closed as a stream that ended well. */
    private static void assertAborted(FakeByteStream stream) throws InterruptedException {
        assertTrue(stream.aborted.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "aborted");
        assertFalse(stream.wasClosed());
    }

    @Test
    void anEmptySourceThatIsNotEmptyFailsBeforeTheOffer() throws Exception {
        // with no byte to hold back, an aborted empty stream would look whole to the receiver
        HubFixture f = fixture(0, SIFT_PEER);
        peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("empty.txt", new byte[] {'x'}, 0);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(FailureReason.SIZE_MISMATCH, t.failure().orElseThrow().reason());
        assertEquals("the source of empty.txt has more than the 0 bytes it declared",
                t.failure().orElseThrow().message());
        assertEquals(List.of(), f.initiator.offers, "nothing was offered");
        assertEquals(List.of(0L), source.closed);
        assertNeverDelivered(t);
    }

    @Test
    void anEmptySourceIsSentAfterItsEmptinessWasChecked() throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Received received = peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("empty.txt", new byte[0]);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertEquals(0, received.get().length);
        assertEquals(List.of(0L, 0L), source.opened);
        assertEquals(Optional.of(sha256(new byte[0])), t.sha256());
    }

    @ParameterizedTest
    @CsvSource({
        "1048594, 1048593, ended after 1048593 of the 1048594 bytes it declared",
        "1048592, 1048593, has more than the 1048592 bytes it declared",
    })
    void aWrongSizeFoundWhileReadingTheMd5FailsBeforeTheOffer(long declared, int real, String why)
            throws Exception {
        HubFixture f = fixture(Long.MAX_VALUE, PLAIN_PEER);
        peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("odd.bin", Arrays.copyOf(data, real), declared);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(FailureReason.SIZE_MISMATCH, t.failure().orElseThrow().reason());
        assertEquals("the source of odd.bin " + why, t.failure().orElseThrow().message());
        assertEquals(List.of(), f.initiator.offers, "nothing was offered");
        assertEquals(List.of(0L), source.opened);
        assertNeverDelivered(t);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 262_144, 700_001, 1024 * 1024 + 16, 1024 * 1024 + 17})
    void aRangeStartsTheStreamAtItsOffsetAndTheWholeContentIsHashed(long offset) throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Received received = peerAccepts(f, Optional.of(range(offset)));
        ByteSource source = new ByteSource("resumed.bin", data);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(Arrays.copyOfRange(data, (int) offset, data.length), received.get());
        assertEquals(List.of(0L, offset), source.opened,
                "the bytes before the offset are read for the hash only, the stream from the offset");
        assertEquals(offset, t.resumedFrom());
        assertEquals(data.length - offset, t.bytesTransferred());
        assertEquals(Optional.of(sha256(data)), t.sha256(), "the SHA-256 of the whole content");
    }

    @Test
    void aRangeWithALengthSendsOnlyThatSlice() throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Received received = peerAccepts(f, Optional.of(Xml.parse("<file xmlns='" + FileElement.NAMESPACE
                + "'><range offset='100' length='1000'/></file>")));
        ByteSource source = new ByteSource("slice.bin", data);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(Arrays.copyOfRange(data, 100, 1100), received.get());
        assertEquals(1000, t.bytesTransferred());
        assertEquals(Optional.of(sha256(data)), t.sha256());
    }

    @Test
    void aStreamFactorySkipsToTheOffsetAndAChannelFactorySeeksToIt() throws Exception {
        for (boolean channel : new boolean[] {false, true}) {
            HubFixture f = fixture(0, SIFT_PEER);
            Received received = peerAccepts(f, Optional.of(range(500_000)));
            FileSource source = channel
                    ? FileSource.fromChannel("c.bin", data.length, () -> new SeekableBytes(data))
                    : FileSource.fromStream("s.bin", data.length, () -> new ByteArrayInputStream(data));

            Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
            HubFixture.awaitEnd(t);

            assertEquals(TransferState.SENT, t.state(), t::toString);
            assertArrayEquals(Arrays.copyOfRange(data, 500_000, data.length), received.get());
            assertEquals(Optional.of(sha256(data)), t.sha256());
            fixture.close();
            fixture = null;
        }
    }

    /** The cause of a failing open, and how the transfer ends. */
    @ParameterizedTest
    @CsvSource({
        "io, LOCAL_IO, cannot open the source of blob.bin: no such blob",
        "runtime, LOCAL_IO, cannot open the source of blob.bin: a bug in the source",
        "eof, SIZE_MISMATCH, the source of blob.bin ends before byte 0 of the 1048593 it declared (empty)",
    })
    void aSourceThatCannotBeOpenedFailsTheTransferWithTheReason(String cause, FailureReason reason,
            String message) throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Received received = peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("blob.bin", data).failingOpen(position -> {
            switch (cause) {
                case "io" -> throw new IOException("no such blob");
                case "runtime" -> throw new IllegalStateException("a bug in the source");
                default -> throw new EOFException("empty");
            }
        });

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(reason, t.failure().orElseThrow().reason(), t::toString);
        assertEquals(message, t.failure().orElseThrow().message());
        assertAborted(received.stream());
        assertEquals(0, received.get().length);
        assertNeverDelivered(t);
    }

    @Test
    void aReadThatFailsMidwayFailsTheTransferAndAbortsTheStream() throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Received received = peerAccepts(f, Optional.empty());
        ByteSource source = new ByteSource("flaky.bin", data).failingReadAfter(300_000);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(FailureReason.LOCAL_IO, t.failure().orElseThrow().reason());
        assertEquals("cannot read the source of flaky.bin: the disk under the source went away",
                t.failure().orElseThrow().message());
        assertAborted(received.stream());
        assertTrue(received.get().length <= 300_000);
        assertEquals(List.of(0L), source.closed);
        assertNeverDelivered(t);
    }

    @Test
    void aStreamThatBreaksRetryablyOpensTheSourceAgainWhereTheReceiverStands() throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        List<FakeByteStream> streams = new CopyOnWriteArrayList<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            FakeByteStream stream = streams.isEmpty()
                    ? FakeByteStream.writing(session, breakingAfter(300_000))
                    : FakeByteStream.writing(session, Channels.newChannel(second));
            streams.add(stream);
            return stream;
        });
        long kept = 262_144;
        StandardExtensionElement rest = range(kept);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION, method,
                f.initiator.offers.size() == 1 ? Optional.empty() : Optional.of(rest)));
        ByteSource source = new ByteSource("again.bin", data);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(Arrays.copyOfRange(data, (int) kept, data.length), second.toByteArray());
        assertEquals(List.of(0L, 0L, kept), source.opened, "the first stream from 0; the second hashes the kept "
                + "bytes, then sends from where the receiver stands");
        assertEquals(List.of(0L, 0L, kept), source.closed);
        assertEquals(Optional.of(sha256(data)), t.sha256());
        assertAborted(streams.get(0));
    }

    private static WritableByteChannel breakingAfter(long limit) {
        return new WritableByteChannel() {
            private long accepted;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (accepted >= limit) {
                    throw new StreamException(StreamException.Kind.BROKEN, "the target took in-band blocks out of "
                            + "sequence", true);
                }
                int n = (int) Math.min(src.remaining(), limit - accepted);
                src.position(src.position() + n);
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

    @Test
    void aSourceThatIsAFileIsReadFromTheFileItselfNeverThroughOpen() throws Exception {
        HubFixture f = fixture(Long.MAX_VALUE, PLAIN_PEER);
        Received received = peerAccepts(f, Optional.empty());
        Path file = Files.write(dir.resolve("on-disk.bin"), data);
        FileSource onDisk = FileSource.of(file);
        FileSource source = new FileSource() {
            @Override
            public String name() {
                return "renamed.bin";
            }

            @Override
            public long size() {
                return onDisk.size();
            }

            @Override
            public Optional<Path> file() {
                return Optional.of(file);
            }

            @Override
            public ReadableByteChannel open(long position) {
                throw new AssertionError("a file is read by SIFT, not through open");
            }
        };

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertArrayEquals(data, received.get());
        assertEquals(Optional.of(file.toAbsolutePath()), t.file());
        assertEquals("renamed.bin", t.fileName());
        assertEquals(Optional.of(md5(data)), FileElement.parse(f.initiator.offers.get(0).payload()).md5());
    }

    /** Makes the file {@code newSize} bytes long: longer with zeros, or cut. */
    private static void resize(Path file, int newSize) throws IOException {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            if (newSize > channel.size()) {
                channel.position(channel.size()).write(ByteBuffer.wrap(new byte[(int) (newSize - channel.size())]));
            } else {
                channel.truncate(newSize);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "grew, 1048600, 0",
        "shrank, 500000, 0",
        "grew, 1048600, 9223372036854775807",
        "shrank, 500000, 9223372036854775807",
    })
    void aFileWhoseSizeChangedSinceItWasChosenIsNotOffered(String change, int newSize, long hashLimit)
            throws Exception {
        HubFixture f = fixture(hashLimit, PLAIN_PEER);
        peerAccepts(f, Optional.empty());
        Path file = Files.write(dir.resolve("changing.log"), data);
        FileSource source = FileSource.of(file);
        resize(file, newSize);

        Transfer t = f.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(FailureReason.SIZE_MISMATCH, t.failure().orElseThrow().reason(), t::toString);
        assertEquals(file.toAbsolutePath() + " " + change + " to " + newSize + " bytes while being sent ("
                + data.length + " bytes were offered)", t.failure().orElseThrow().message());
        assertEquals(List.of(), f.initiator.offers);
        assertNeverDelivered(t);
    }

    @ParameterizedTest
    @CsvSource({"grew, 1048600", "shrank, 500000"})
    void aFileWhoseSizeChangesAfterTheOfferFailsBeforeItsLastBytesLeave(String change, int newSize)
            throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        Path file = Files.write(dir.resolve("changing.log"), data);
        Received received = peerAccepts(f, Optional.empty());
        FakeInitiator.Peer accepting = offer -> {
            try {
                resize(file, newSize); // while the peer decides
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return new NegotiatedStream(SESSION, new FakeStreamMethod(session -> {
                try {
                    Pipe pipe = Pipe.open();
                    f.drain(pipe.source()).whenComplete((bytes, e) -> received.bytes().complete(bytes));
                    FakeByteStream stream = FakeByteStream.writing(session, pipe.sink());
                    received.streams().add(stream);
                    return stream;
                } catch (IOException e) {
                    throw new StreamException(StreamException.Kind.BROKEN, "no pipe", e);
                }
            }), Optional.empty());
        };
        f.initiator.answerWith(accepting);

        Transfer t = f.account.send(HubFixture.PEER, FileSource.of(file), SendOptions.defaults());
        HubFixture.awaitEnd(t);

        assertEquals(FailureReason.SIZE_MISMATCH, t.failure().orElseThrow().reason(), t::toString);
        assertEquals(file.toAbsolutePath() + " " + change + " to " + newSize + " bytes while being sent ("
                + data.length + " bytes were offered)", t.failure().orElseThrow().message());
        assertAborted(received.stream());
        byte[] got = received.get();
        assertTrue(got.length < data.length, got.length + " bytes arrived");
        assertArrayEquals(Arrays.copyOf(data, got.length), got);
        assertNeverDelivered(t);
    }

    @Test
    void aSourceWithoutNameOrWithANegativeSizeIsRefusedAtOnce() {
        HubFixture f = fixture(0, SIFT_PEER);
        assertThrows(IllegalArgumentException.class,
                () -> f.account.send(HubFixture.PEER, new ByteSource(" ", data), SendOptions.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> f.account.send(HubFixture.PEER, new ByteSource("a.bin", data, -1), SendOptions.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> f.account.send("not a jid@@", new ByteSource("a.bin", data), SendOptions.defaults()));
        assertEquals(List.of(), f.account.transfers());
    }

    @Test
    void aListenerOfOneTransferHearsNothingOfAnother() throws Exception {
        HubFixture f = fixture(0, SIFT_PEER);
        peerAccepts(f, Optional.empty());
        f.initiator.answerWith(offer -> {
            throw new NegotiationException(NegotiationException.Kind.DECLINED, "no");
        });
        List<TransferEvent> heard = new CopyOnWriteArrayList<>();
        TransferListener listener = heard::add;
        Transfer first = f.account.send(HubFixture.PEER, new ByteSource("one.bin", data), SendOptions.defaults());
        first.addListener(listener);
        Transfer second = f.account.send(HubFixture.PEER, new ByteSource("two.bin", data), SendOptions.defaults());
        HubFixture.awaitEnd(first);
        HubFixture.awaitEnd(second);
        f.awaitEvent(second.id(), Type.DECLINED);
        Await.until(HubFixture.TIMEOUT, () -> heard.size() == 2);

        assertEquals(List.of(Type.OFFERED, Type.DECLINED), heard.stream().map(TransferEvent::type).toList());
        assertTrue(heard.stream().allMatch(e -> e.transferId().equals(first.id())), heard::toString);
    }

    /** A channel over bytes in memory that can seek, as a file channel can; it refuses to be read before its position. */
    private static final class SeekableBytes implements java.nio.channels.SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        SeekableBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableBytes position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableBytes truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
