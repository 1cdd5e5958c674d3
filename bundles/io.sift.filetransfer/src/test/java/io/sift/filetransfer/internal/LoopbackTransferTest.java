package io.sift.filetransfer.internal;

import static io.sift.filetransfer.internal.HubFixture.namesIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.StreamException;

/**
 * Both ends of a transfer in one hub: the offer the sender writes is what the receiver parses, and
 * the bytes go through a pipe, so the announced hash is checked against what really arrived.
 */
class LoopbackTransferTest {

    @TempDir
    Path dir;

    private HubFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aSentFileArrivesIdentical() throws Exception {
        Path downloads = dir.resolve("downloads");
        fixture = new HubFixture(downloads, OfferPolicy.ACCEPT);
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(data);
        Path source = Files.write(dir.resolve("holiday photos.zip"), data);

        CompletableFuture<HubFixture.Incoming> incoming = new CompletableFuture<>();
        CompletableFuture<FakeStreamOffer> received = new CompletableFuture<>();
        FakeStreamMethod method = new FakeStreamMethod(session -> {
            try {
                Pipe pipe = Pipe.open();
                received.join().pending.open(FakeByteStream.reading(FakeStreamOffer.SESSION, pipe.source()));
                return FakeByteStream.writing(session, pipe.sink());
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
            return new NegotiatedStream(FakeStreamOffer.SESSION, method, Optional.empty());
        });

        Transfer sent = fixture.account.send(HubFixture.PEER, source, SendOptions.defaults());
        HubFixture.awaitEnd(sent);
        TransferRecord got = incoming.get(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).finish();

        assertEquals(TransferState.COMPLETED, sent.state(), sent::toString);
        assertEquals(TransferState.COMPLETED, got.state(), got::toString);
        assertEquals(Optional.of(downloads.resolve("holiday photos.zip")), got.file());
        assertArrayEquals(data, Files.readAllBytes(got.file().orElseThrow()));
        assertEquals(List.of("holiday photos.zip"), namesIn(downloads));
        assertEquals(data.length, sent.bytesTransferred());
        assertEquals(data.length, got.bytesTransferred());
    }
}
