package io.sift.filetransfer.internal;

import static io.sift.filetransfer.internal.HubFixture.namesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/**
 * Files of size 0. Sent: offered in-band alone when that is allowed (a SOCKS5 stream without a byte is
 * a cancel to some receivers), over what the user allowed otherwise. Received: stored as an empty file,
 * and an empty partial file is never continued or kept.
 */
class EmptyFileTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
    private static final StreamSession SESSION =
            new StreamSession(HubFixture.ACCOUNT, "sid-0", HubFixture.ACCOUNT + "/sift", HubFixture.PEER);

    @TempDir
    Path dir;

    private HubFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private HubFixture fixture() {
        fixture = new HubFixture(dir.resolve("downloads"), OfferPolicy.ACCEPT, 0);
        return fixture;
    }

    /** A stream method of that namespace whose streams write into {@code sink}, or that refuses to open. */
    private static StreamMethod method(String namespace, ByteArrayOutputStream sink, boolean opens) {
        return new StreamMethod() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public ByteStream open(StreamSession session) throws StreamException {
                if (!opens) {
                    throw new StreamException(StreamException.Kind.REFUSED, namespace + " refused");
                }
                return FakeByteStream.writing(session, Channels.newChannel(sink));
            }

            @Override
            public PendingStream expect(StreamSession session) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** The peer takes the first method each offer lists; {@code ibbOpens} says whether in-band opens. */
    private Transfer send(SendOptions options, boolean ibbOpens, ByteArrayOutputStream sink) throws Exception {
        HubFixture f = fixture();
        StreamMethod ibb = method(StreamMethods.IBB, sink, ibbOpens);
        StreamMethod socks5 = method(StreamMethods.SOCKS5, sink, true);
        f.initiator.answerWith(offer -> new NegotiatedStream(SESSION,
                offer.methods().get(0).equals(StreamMethods.IBB) ? ibb : socks5, Optional.empty()));
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        return HubFixture.awaitEnd(f.account.send(HubFixture.PEER, empty, options));
    }

    private List<List<String>> offeredMethods() {
        return fixture.initiator.offers.stream().map(StreamOffer::methods).toList();
    }

    @Test
    void byDefaultAnEmptyFileIsOfferedInBandAloneAndEndsSent() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Transfer t = send(SendOptions.defaults(), true, sink);

        assertEquals(List.of(List.of(StreamMethods.IBB)), offeredMethods());
        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertEquals(0, t.bytesTransferred());
        assertEquals(0, sink.size());
        assertEquals(Optional.of(EMPTY_SHA256), t.sha256());
        assertFalse(t.verified(), "a receiver that cannot confirm leaves it unverified");
    }

    @Test
    void anEmptyFileWhoseSenderPrefersSocks5IsStillOfferedInBandAlone() throws Exception {
        Transfer t = send(SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5, StreamMethods.IBB)), true,
                new ByteArrayOutputStream());

        assertEquals(List.of(List.of(StreamMethods.IBB)), offeredMethods());
        assertEquals(TransferState.SENT, t.state(), t::toString);
    }

    @Test
    void anEmptyFileRestrictedToSocks5GoesOverSocks5() throws Exception {
        Transfer t = send(SendOptions.defaults().withMethods(List.of(StreamMethods.SOCKS5)), true,
                new ByteArrayOutputStream());

        assertEquals(List.of(List.of(StreamMethods.SOCKS5)), offeredMethods());
        assertEquals(TransferState.SENT, t.state(), t::toString);
        assertEquals(Optional.of(EMPTY_SHA256), t.sha256());
    }

    @Test
    void whenInBandCannotOpenAnEmptyFileFallsBackToTheOtherAllowedMethods() throws Exception {
        Transfer t = send(SendOptions.defaults(), false, new ByteArrayOutputStream());

        assertEquals(List.of(List.of(StreamMethods.IBB), List.of(StreamMethods.SOCKS5)), offeredMethods());
        assertEquals(TransferState.SENT, t.state(), t::toString);
    }

    @Test
    void withoutFallbackAnEmptyFileThatCannotGoInBandFails() throws Exception {
        Transfer t = send(SendOptions.defaults().withFallback(false), false, new ByteArrayOutputStream());

        assertEquals(List.of(List.of(StreamMethods.IBB)), offeredMethods());
        assertEquals(TransferState.FAILED, t.state());
        assertEquals(FailureReason.STREAM_FAILED, t.failure().orElseThrow().reason());
    }

    private static FakeStreamOffer emptyOffer(Optional<String> md5, boolean canResume) {
        return new FakeStreamOffer(new FileElement("empty.txt", 0, md5, Optional.of(Instant.parse(
                "2026-01-02T03:04:05Z")), Optional.empty(), canResume, false).toElement());
    }

    @Test
    void anEmptyFileArrivesAsAnEmptyFileAndItsEmptyLeftoverIsNotContinued() throws Exception {
        HubFixture f = fixture();
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        FakeStreamOffer offer = emptyOffer(Optional.of(EMPTY_MD5), true);
        // an earlier attempt at the same file from the same sender left its (empty) partial file
        PartFile.reserve(downloads, "empty.txt", PartIdentity.of(HubFixture.PEER, FileElement.parse(offer.payload())),
                true, f.hub.settings().partExpiry(), ConcurrentHashMap.newKeySet()).close();
        assertEquals(List.of(".empty.txt.part.sift", "empty.txt.part"), namesIn(downloads));
        FakeByteStream stream = FakeByteStream.reading(FakeStreamOffer.SESSION,
                Channels.newChannel(InputStream.nullInputStream()));
        offer.pending.open(stream);

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertTrue(record.verified(), "the MD5 of nothing matched the offer's");
        assertEquals(0, record.resumedFrom());
        assertEquals(Optional.empty(), offer.answerPayload(), "no <range/> asked for");
        assertEquals(List.of("empty.txt"), namesIn(downloads));
        assertEquals(0, Files.size(downloads.resolve("empty.txt")));
        assertEquals(Optional.of(EMPTY_SHA256), record.sha256());
        assertTrue(stream.wasClosed());
    }

    @Test
    void anEmptyFileWhoseStreamBreaksLeavesNoPartialFile() throws Exception {
        HubFixture f = fixture();
        FakeStreamOffer offer = emptyOffer(Optional.empty(), true);
        ReadableByteChannel broken = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                throw new StreamException(StreamException.Kind.BROKEN, "connection reset");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, broken));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.STREAM_FAILED, record.failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(dir.resolve("downloads")), "an empty partial file holds nothing to continue");
    }

    @Test
    void anOfferWithoutSizeAsSmackWritesAnEmptyFileIsStoredEmpty() throws Exception {
        HubFixture f = fixture();
        FakeStreamOffer offer = new FakeStreamOffer(Xml.parse("<file xmlns='" + FileElement.NAMESPACE
                + "' name='from-smack.txt'/>"));
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION,
                Channels.newChannel(InputStream.nullInputStream())));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.COMPLETED, record.state(), record::toString);
        assertFalse(record.verified(), "Smack declares no hash: only the size was checked");
        assertEquals(List.of("from-smack.txt"), namesIn(dir.resolve("downloads")));
        assertEquals(0, Files.size(dir.resolve("downloads").resolve("from-smack.txt")));
    }

    @Test
    void aSenderThatLeftOutTheSizeAndSendsBytesFailsAtTheFirst() throws Exception {
        HubFixture f = fixture();
        FakeStreamOffer offer = new FakeStreamOffer(Xml.parse("<file xmlns='" + FileElement.NAMESPACE
                + "' name='unsized.bin'/>"));
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION,
                Channels.newChannel(new ByteArrayInputStream(new byte[1000]))));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.SIZE_MISMATCH, record.failure().orElseThrow().reason());
        assertEquals(0, record.bytesTransferred());
        assertEquals(List.of(), namesIn(dir.resolve("downloads")));
    }

    @Test
    void aByteBeyondAnEmptyFileFailsAndLeavesNothing() throws Exception {
        HubFixture f = fixture();
        FakeStreamOffer offer = emptyOffer(Optional.empty(), false);
        offer.pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION,
                Channels.newChannel(new ByteArrayInputStream(new byte[] {(byte) 0xff}))));

        TransferRecord record = f.receive(offer).finish();

        assertEquals(TransferState.FAILED, record.state());
        assertEquals(FailureReason.SIZE_MISMATCH, record.failure().orElseThrow().reason());
        assertEquals(List.of(), namesIn(dir.resolve("downloads")));
    }
}
