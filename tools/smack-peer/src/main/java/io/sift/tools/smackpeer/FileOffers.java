package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.OutgoingFileTransfer;

/**
 * Offers files to the one recipient through Smack's FileTransferManager, one OutgoingFileTransfer each, and
 * reports how each transfer ended. Offering and waiting are separate steps, so the sender decides whether
 * the next file waits for this one.
 */
final class FileOffers {

    private final FileTransferManager manager;
    private final SendCommand command;
    private final NegotiatedMethods methods;
    private final SendResults results;

    FileOffers(FileTransferManager manager, SendCommand command, NegotiatedMethods methods, SendResults results) {
        this.manager = manager;
        this.command = command;
        this.methods = methods;
        this.results = results;
    }

    /** A file Smack is negotiating or sending; {@code start} (System.nanoTime) is when it was offered. */
    record Pending(String name, OutgoingFileTransfer transfer, long start) {
    }

    /**
     * Offers the file; Smack negotiates and sends it on a thread of its own, so this returns at once. Empty
     * when Smack would not even start (its RESULT line is printed then).
     */
    Optional<Pending> offer(Path file) {
        // the name Smack puts in the offer (java.io.File.getName) and the receiver reports
        String name = file.getFileName().toString();
        OutgoingFileTransfer transfer = manager.createOutgoingFileTransfer(command.to());
        long start = System.nanoTime();
        try {
            transfer.sendFile(file.toFile(), command.description().orElse(null));
        } catch (SmackException | IllegalArgumentException e) {
            results.ended(name, new Outcome("error", 0, Transfers.millisSince(start), NegotiatedMethods.UNKNOWN,
                    Optional.of(ErrorLog.describe(e))));
            return Optional.empty();
        }
        return Optional.of(new Pending(name, transfer, start));
    }

    /** Waits until the transfer ended, or cancels it when --timeout passed first, and prints its RESULT line. */
    void awaitEnd(Pending pending) throws InterruptedException {
        OutgoingFileTransfer transfer = pending.transfer();
        boolean done = Transfers.awaitDone(transfer, pending.start() + command.timeout().toNanos());
        long millis = Transfers.millisSince(pending.start());
        if (!done) {
            String state = transfer.getStatus().toString();
            transfer.cancel();
            results.timedOut(pending.name(), new Outcome("error", transfer.getBytesSent(), millis,
                    methods.methodWith(command.to(), Duration.ZERO),
                    Optional.of("timeout after " + command.timeout().toSeconds() + " s in state " + state)));
            return;
        }
        String status = Transfers.status(transfer.getStatus());
        boolean complete = status.equals("complete");
        results.ended(pending.name(), new Outcome(status, transfer.getBytesSent(), millis,
                methods.methodWith(command.to(), complete ? Sender.METHOD_GRACE : Duration.ZERO),
                Transfers.error(transfer)));
    }
}
