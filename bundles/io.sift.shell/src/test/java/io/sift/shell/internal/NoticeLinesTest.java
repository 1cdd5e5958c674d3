package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.TransferEvent;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

class NoticeLinesTest {

    @TempDir
    Path dir;

    @Test
    void anOfferSaysWhatToTypeAndForHowLong() {
        assertEquals("sift: offer 7 from alice@localhost/sift to bob@localhost: re?port.pdf (1.2 KiB); "
                        + "sift:accept 7 [DIR] or sift:decline 7 within 1m50s",
                NoticeLines.offer(new StubOffer("7", "re\u001bport.pdf"), Duration.ofSeconds(110)));
    }

    @Test
    void aReceivedFileIsItsOutcomeLineAndWhereItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("in.txt"), "hello");
        FakeTransfer transfer = new FakeTransfer("alice@localhost/sift", file, 5, Direction.INCOMING,
                SendOptions.defaults());
        transfer.progress(5, StreamMethods.IBB);
        transfer.end(TransferState.COMPLETED);
        String line = NoticeLines.received(event(TransferEvent.Type.COMPLETED, Optional.empty()), transfer);
        assertTrue(line.startsWith("sift: Completed: in.txt (5 B) from alice@localhost/sift in "), line);
        assertTrue(line.endsWith("over ibb; verified against the sender's hash -> " + file), line);
    }

    @Test
    void withoutTheTransferTheEventSpeaks() {
        String line = NoticeLines.received(event(TransferEvent.Type.FAILED,
                Optional.of(new TransferFailure(FailureReason.STREAM_FAILED, "the peer went away"))), null);
        assertEquals("sift: failed: in.txt from alice@localhost/sift: stream failed: the peer went away", line);
    }

    private static TransferEvent event(TransferEvent.Type type, Optional<TransferFailure> failure) {
        return new TransferEvent(type, "9", "bob@localhost", "alice@localhost/sift", Direction.INCOMING, "in.txt", 5, 5,
                Optional.of(StreamMethods.IBB), failure, Instant.now());
    }
}
