package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.filetransfer.FileTransfer;
import org.junit.jupiter.api.Test;

class TransfersTest {

    /** A transfer whose state the test sets, the way Smack's own threads do. */
    private static final class SettableTransfer extends FileTransfer {

        SettableTransfer() {
            super(null, "jsi_1", null);
        }

        void set(Status status) {
            setStatus(status);
        }

        void fail(Exception e) {
            setException(e);
            setStatus(Status.error);
        }

        void fail(Error error) {
            setError(error);
            setStatus(Status.error);
        }

        @Override
        public void cancel() {
            setStatus(Status.cancelled);
        }
    }

    @Test
    void everyEndIsNamed() {
        assertEquals("complete", Transfers.status(FileTransfer.Status.complete));
        assertEquals("refused", Transfers.status(FileTransfer.Status.refused));
        assertEquals("cancelled", Transfers.status(FileTransfer.Status.cancelled));
        assertEquals("error", Transfers.status(FileTransfer.Status.error));
        assertEquals("error", Transfers.status(FileTransfer.Status.in_progress));
        assertEquals("error", Transfers.status(FileTransfer.Status.negotiating_stream));
    }

    @Test
    void errorIsOneLineFromTheException() {
        SettableTransfer transfer = new SettableTransfer();
        transfer.fail(new IOException("stream closed\nby peer", new IllegalStateException("gone")));
        assertEquals(Optional.of("IOException: stream closed by peer <- IllegalStateException: gone"),
                Transfers.error(transfer));
    }

    @Test
    void errorFallsBackToSmacksErrorThenTheState() {
        SettableTransfer withError = new SettableTransfer();
        withError.fail(FileTransfer.Error.no_response);
        assertEquals(Optional.of(FileTransfer.Error.no_response.getMessage()), Transfers.error(withError));

        SettableTransfer refused = new SettableTransfer();
        refused.set(FileTransfer.Status.refused);
        assertEquals(Optional.of("transfer ended in state Refused"), Transfers.error(refused));

        SettableTransfer complete = new SettableTransfer();
        complete.set(FileTransfer.Status.complete);
        assertEquals(Optional.empty(), Transfers.error(complete));
    }

    @Test
    void awaitEndsAtTheDeadlineWhenNotDone() throws InterruptedException {
        SettableTransfer transfer = new SettableTransfer();
        transfer.set(FileTransfer.Status.in_progress);
        assertFalse(Transfers.awaitDone(transfer, System.nanoTime()));
    }

    @Test
    void awaitSeesTheEndSetByAnotherThread() throws Exception {
        SettableTransfer transfer = new SettableTransfer();
        transfer.set(FileTransfer.Status.in_progress);
        CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(() -> {
            try {
                return Transfers.awaitDone(transfer, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        transfer.set(FileTransfer.Status.complete);
        assertTrue(done.get(20, TimeUnit.SECONDS));
    }
}
