package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;

/**
 * The server stops while a file moves in-band and starts again: both sides fail their transfer with
 * a reason, the receiver keeps its partial file, and once both accounts are back the same file sent
 * again continues it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerRestartIT extends FaultCase {

    private static final long SIZE = 128L << 20;

    @Test
    public void bothSidesFailWhenTheServerStopsAndOnceBackTheResendContinues() throws Exception {
        String name = "server-restart.bin";
        Path source = source(name, SIZE);
        Transfer first = alice.send(BOB_HERE, source, only(StreamMethods.IBB));
        awaitReceiving(name);
        assertFalse("still running when the server stops: " + first, first.state().isFinal());
        Instant stoppedAt = Instant.now();
        TransferEvent sent;
        TransferEvent received;
        try {
            LocalProsody.stop();
            sent = awaitBrokenOff(ALICE, Direction.OUTGOING, name);
            received = awaitBrokenOff(BOB, Direction.INCOMING, name);
            Services.awaitAbsent(context, FileTransferService.class, Services.jidFilter(ALICE), NOTICED);
            Services.awaitAbsent(context, FileTransferService.class, Services.jidFilter(BOB), NOTICED);
        } finally {
            LocalProsody.start();
        }
        // the receiver only learns from its own connection; the sender's may also find bob's session gone first
        assertEquals(received.toString(), TransferEvent.Type.FAILED, received.type());
        assertEquals(received.toString(), FailureReason.ACCOUNT_OFFLINE, received.failure().orElseThrow().reason());
        assertEquals(sent.toString(), TransferEvent.Type.FAILED, sent.type());
        FailureReason senderReason = sent.failure().orElseThrow().reason();
        assertTrue(sent.toString(), senderReason == FailureReason.ACCOUNT_OFFLINE
                || senderReason == FailureReason.STREAM_FAILED);
        long kept = awaitKeptPart(downloads, name);

        loggedIn();
        TransferSetup.awaitServed(context, "alice", BOB_HERE, FILE_TRANSFER);
        Transfer again = alice.send(BOB_HERE, source, only(StreamMethods.IBB)).completion().toCompletableFuture()
                .get(DONE.toSeconds(), TimeUnit.SECONDS);
        assertResumed(again, source, kept);
        assertResumed(awaitCompletedHere(name), source, kept);
        assertStoredAlone(downloads, source);
        report("server stopped", sent, stoppedAt, again);
        report("server stopped", received, stoppedAt, again);
    }
}
