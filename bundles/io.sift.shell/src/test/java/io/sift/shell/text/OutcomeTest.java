package io.sift.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.StreamMethods;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

class OutcomeTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void completedLineHasSizePeerTimeRateAndMethod() {
        StubTransfer t = new StubTransfer("7", Direction.OUTGOING, "report.pdf", 8 * MIB)
                .peer("bob@localhost/sift").state(TransferState.COMPLETED).bytes(8 * MIB)
                .method(StreamMethods.SOCKS5).verified(true);
        assertEquals("Completed: report.pdf (8.0 MiB) to bob@localhost/sift in 2.0s, 4.0 MiB/s over socks5; "
                + "verified by the receiver (SHA-256)", Outcome.line(t, Duration.ofSeconds(2)));
    }

    @Test
    void sentSaysTheReceiverDidNotConfirm() {
        StubTransfer t = new StubTransfer("7", Direction.OUTGOING, "report.pdf", 8 * MIB)
                .peer("carol@localhost/smack").state(TransferState.SENT).bytes(8 * MIB).method(StreamMethods.IBB);
        assertEquals("Sent: report.pdf (8.0 MiB) to carol@localhost/smack in 2.0s, 4.0 MiB/s over ibb; "
                + "the receiver did not confirm that it stored the file intact", Outcome.line(t, Duration.ofSeconds(2)));
    }

    @Test
    void incomingCompletedSaysWhetherAHashWasChecked() {
        StubTransfer t = new StubTransfer("8", Direction.INCOMING, "a.bin", 0)
                .peer("alice@localhost/x").state(TransferState.COMPLETED).method(StreamMethods.IBB).verified(true);
        assertEquals("Completed: a.bin (0 B) from alice@localhost/x in 0.5s, 0 B/s over ibb; "
                + "verified against the sender's hash", Outcome.line(t, Duration.ofMillis(500)));
    }

    @Test
    void incomingCompletedSaysFrom() {
        StubTransfer t = new StubTransfer("8", Direction.INCOMING, "a.bin", 0)
                .peer("alice@localhost/x").state(TransferState.COMPLETED).method(StreamMethods.IBB);
        assertEquals("Completed: a.bin (0 B) from alice@localhost/x in 0.5s, 0 B/s over ibb; "
                + "unverified: the sender declared no hash, only the size was checked",
                Outcome.line(t, Duration.ofMillis(500)));
    }

    @Test
    void failedLineNamesReasonAndMessage() {
        StubTransfer t = new StubTransfer("9", Direction.OUTGOING, "x.txt", 10).peer("bob@localhost")
                .state(TransferState.FAILED)
                .failure(new TransferFailure(FailureReason.PEER_UNAVAILABLE, "bob@localhost has no available resource"));
        assertEquals("Failed: x.txt to bob@localhost: peer unavailable: bob@localhost has no available resource",
                Outcome.line(t, Duration.ofSeconds(1)));
    }

    @Test
    void declinedAndCancelled() {
        StubTransfer declined = new StubTransfer("1", Direction.OUTGOING, "x.txt", 10).peer("bob@localhost")
                .state(TransferState.DECLINED);
        assertEquals("Declined: x.txt to bob@localhost (the receiver said no)", Outcome.line(declined, Duration.ZERO));
        StubTransfer cancelled = new StubTransfer("2", Direction.INCOMING, "y.txt", 2048).peer("bob@localhost/a")
                .state(TransferState.CANCELLED).bytes(1024);
        assertEquals("Cancelled: y.txt from bob@localhost/a after 1.0 KiB of 2.0 KiB",
                Outcome.line(cancelled, Duration.ZERO));
    }

    @Test
    void hostileNamesCannotBreakTheLine() {
        StubTransfer t = new StubTransfer("3", Direction.INCOMING, "evil\r\n\u001b[2Jname\u202Etxt.exe", 1)
                .peer("mallory@evil/\n").state(TransferState.DECLINED);
        assertEquals("Declined: evil???[2Jname?txt.exe from mallory@evil/?", Outcome.line(t, Duration.ZERO));
    }

    @Test
    void resultLineIsTabSeparatedWithPlaceholders() {
        StubTransfer t = new StubTransfer("4", Direction.INCOMING, "my\tfile.txt", 42).peer("alice@localhost/x")
                .state(TransferState.COMPLETED).bytes(42).method(StreamMethods.IBB);
        assertEquals("COMPLETED\tmy?file.txt\t42\tibb\tabcdef\t/tmp/in/my file.txt",
                ResultLine.of(t, "ABCDEF", "/tmp/in/my file.txt"));
        StubTransfer failed = new StubTransfer("5", Direction.OUTGOING, "a", 1).state(TransferState.FAILED);
        assertEquals("FAILED\ta\t1\t-\t-\t-", ResultLine.of(failed, null, ""));
    }
}
