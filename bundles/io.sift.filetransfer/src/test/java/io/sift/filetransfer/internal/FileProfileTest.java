package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.Transfer;
import io.sift.api.TransferState;

class FileProfileTest {

    @TempDir
    Path downloads;

    private HubFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private FileProfile profile(OfferPolicy policy) {
        fixture = new HubFixture(downloads, policy);
        return new FileProfile(fixture.hub);
    }

    private static FakeStreamOffer offer(String xml) throws Exception {
        return new FakeStreamOffer(Xml.parse(xml));
    }

    @Test
    void aMalformedOfferIsRejectedAsBadRequest() throws Exception {
        FileProfile profile = profile(OfferPolicy.ACCEPT);
        FakeStreamOffer offer = offer("<file xmlns='" + FileElement.NAMESPACE + "' name='a.txt' size='-5'/>");
        profile.offered(offer);
        assertEquals(List.of("bad-request:size -5 is negative"), offer.answers());
        assertEquals(List.of(), fixture.account.transfers());
    }

    @Test
    void anOfferToAnAccountThatIsNotOnlineIsDeclined() throws Exception {
        FileProfile profile = profile(OfferPolicy.ACCEPT);
        fixture.hub.accountOffline(HubFixture.ACCOUNT);
        FakeStreamOffer offer = offer("<file xmlns='" + FileElement.NAMESPACE + "' name='a.txt' size='5'/>");
        profile.offered(offer);
        assertEquals(List.of("decline:not receiving files now"), offer.answers());
        assertEquals(List.of(), fixture.account.transfers());
    }

    @Test
    void anOfferBecomesAnIncomingTransferTheHandlersSee() throws Exception {
        FileProfile profile = profile(OfferPolicy.DECLINE);
        CountDownLatch seen = new CountDownLatch(1);
        IncomingOffer[] asked = new IncomingOffer[1];
        fixture.hub.decider.add(new FakeServiceReference<>(1, 0), o -> {
            asked[0] = o;
            seen.countDown();
            return OfferDecision.decline("not now");
        });
        FakeStreamOffer offer = offer("<file xmlns='" + FileElement.NAMESPACE + "' name='../x/\u202Ereport.pdf'"
                + " size='5' hash='D41D8CD98F00B204E9800998ECF8427E' date='2020-01-01T00:00:00Z'>"
                + "<desc>minutes</desc></file>");

        profile.offered(offer);
        Transfer t = HubFixture.awaitEnd(fixture.account.transfers().get(0));

        assertEquals(TransferState.DECLINED, t.state());
        assertEquals(Direction.INCOMING, t.direction());
        assertEquals(List.of("decline:not now"), offer.answers());
        assertTrue(seen.await(1, TimeUnit.SECONDS));
        IncomingOffer o = asked[0];
        assertEquals(t.id(), o.transferId());
        assertEquals(HubFixture.ACCOUNT, o.account());
        assertEquals(HubFixture.PEER, o.peer());
        assertEquals("report.pdf", o.fileName());
        assertEquals("../x/\u202Ereport.pdf", o.offeredName());
        assertEquals(5, o.size());
        assertEquals(Optional.of("minutes"), o.description());
        assertEquals(Optional.of("d41d8cd98f00b204e9800998ecf8427e"), o.md5());
        assertEquals(Optional.of(Instant.parse("2020-01-01T00:00:00Z")), o.date());
        assertFalse(o.fromRosterContact());
        assertEquals("report.pdf", t.fileName());
    }

    @Test
    void cancellingWhileAHandlerDecidesDeclinesTheOfferOnce() throws Exception {
        FileProfile profile = profile(OfferPolicy.ACCEPT);
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.hub.decider.add(new FakeServiceReference<>(1, 0), o -> {
            deciding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OfferDecision.acceptInto(downloads);
        });
        FakeStreamOffer offer = offer("<file xmlns='" + FileElement.NAMESPACE + "' name='a.txt' size='5'/>");

        profile.offered(offer);
        assertTrue(deciding.await(HubFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Transfer t = fixture.account.transfers().get(0);
        assertTrue(t.cancel());
        release.countDown();
        fixture.hub.close(); // waits for the worker to return

        assertEquals(TransferState.CANCELLED, t.state());
        assertEquals(List.of("decline:cancelled"), offer.answers());
        assertEquals(List.of(), HubFixture.namesIn(downloads));
    }

    @Test
    void aNewOfferOfTheSameFileSupersedesTheOneWaitingForItsStream() throws Exception {
        FileProfile profile = profile(OfferPolicy.ACCEPT);
        String xml = "<file xmlns='" + FileElement.NAMESPACE + "' name='report.pdf' size='3'/>";
        FakeStreamOffer first = offer(xml);
        profile.offered(first);
        assertTrue(first.accepted.await(10, TimeUnit.SECONDS));
        Transfer waiting = fixture.account.transfers().get(0);
        awaitState(waiting, TransferState.NEGOTIATING);
        assertTrue(Files.exists(downloads.resolve("report.pdf.part")), "the first offer holds the name");

        // the sender's stream failed and it offers the same file again (fallback to another method)
        FakeStreamOffer second = offer(xml);
        profile.offered(second);
        assertTrue(second.accepted.await(10, TimeUnit.SECONDS));

        assertEquals(TransferState.FAILED, waiting.state());
        assertEquals(FailureReason.STREAM_FAILED, waiting.failure().orElseThrow().reason());
        assertTrue(first.pending.cancelled.await(10, TimeUnit.SECONDS));
        Transfer replacing = fixture.account.transfers().get(1);
        second.pending.open(FakeByteStream.reading(second.session(),
                Channels.newChannel(new ByteArrayInputStream(new byte[] {1, 2, 3}))));
        replacing.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(TransferState.COMPLETED, replacing.state(), replacing::toString);
        assertEquals(Optional.of(downloads.resolve("report.pdf")), replacing.file(), "the file keeps its own name");
    }

    /** The worker moves the record on right after accept() returns. */
    private static void awaitState(Transfer transfer, TransferState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object monitor = new Object();
        while (transfer.state() != state) {
            assertTrue(System.nanoTime() < deadline, () -> "still " + transfer.state() + ", waited for " + state);
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
    }
}
