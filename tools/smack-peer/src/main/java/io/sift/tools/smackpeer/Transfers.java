package io.sift.tools.smackpeer;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.filetransfer.FileTransfer;

/** Reading the state of Smack's FileTransfer objects, which report progress only when asked. */
final class Transfers {

    /** How often a transfer is asked whether it is done; also the resolution of the millis figures. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Transfers() {
    }

    /** Waits until the transfer is done; false when the deadline (System.nanoTime) passed first. */
    static boolean awaitDone(FileTransfer transfer, long deadlineNanos) throws InterruptedException {
        // Smack has no completion callback for file transfers: polling its status is the only way
        while (!transfer.isDone()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        }
        return true;
    }

    /** complete, refused, cancelled or error (any other state once done). */
    static String status(FileTransfer.Status status) {
        return switch (status) {
            case complete -> "complete";
            case refused -> "refused";
            case cancelled -> "cancelled";
            default -> "error";
        };
    }

    /** What went wrong, in one line; empty for a complete transfer. */
    static Optional<String> error(FileTransfer transfer) {
        if (transfer.getStatus() == FileTransfer.Status.complete) {
            return Optional.empty();
        }
        if (transfer.getException() != null) {
            return Optional.of(ErrorLog.describe(transfer.getException()));
        }
        if (transfer.getError() != null) {
            return Optional.of(transfer.getError().getMessage());
        }
        return Optional.of("transfer ended in state " + transfer.getStatus());
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
