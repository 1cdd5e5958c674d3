package io.sift.tools.smackpeer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.filetransfer.FileTransfer;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.FileTransferRequest;
import org.jivesoftware.smackx.filetransfer.IncomingFileTransfer;

/**
 * {@code smack-peer receive}: accepts offers into one directory through Smack's FileTransferManager, one
 * OFFER line when an offer arrives and one RESULT line when its transfer ends.
 */
final class Receiver {

    private final ReceiveCommand command;
    private final Report report;
    private final ErrorLog errors;
    private final Tally tally;
    private final CpuAtEnd cpuAtEnd;

    Receiver(ReceiveCommand command, Report report, ErrorLog errors, CpuAtEnd cpuAtEnd) {
        this.command = command;
        this.report = report;
        this.errors = errors;
        this.tally = new Tally(command.count(), command.keepGoing());
        this.cpuAtEnd = cpuAtEnd;
    }

    int run() throws InterruptedException {
        Optional<PeerSession> opened = PeerSession.openOrReport(command.login(), errors,
                connection -> LocalStreamhost.configure(connection, command.streamhosts()));
        if (opened.isEmpty()) {
            return SmackPeer.CONNECTION_FAILED;
        }
        PeerSession session = opened.get();
        ExecutorService watchers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smack-peer transfer watch");
            thread.setDaemon(true);
            return thread;
        });
        try (session) {
            return receive(session.connection(), watchers);
        } finally {
            watchers.shutdownNow();
        }
    }

    private int receive(XMPPTCPConnection connection, ExecutorService watchers) throws InterruptedException {
        NegotiatedMethods methods = NegotiatedMethods.watch(connection);
        FileTransferManager manager = FileTransferManager.getInstanceFor(connection);
        long deadline = System.nanoTime() + command.timeout().toNanos();
        manager.addFileTransferListener(request -> onOffer(request, methods, watchers, deadline));
        report.ready(connection.getUser());

        boolean allEnded = tally.await(deadline);
        cpuAtEnd.print();
        if (!allEnded) {
            errors.problem("timeout after " + command.timeout().toSeconds() + " s: " + tally.completedCount()
                    + " of " + tally.expected() + " transfers complete");
            return SmackPeer.TIMED_OUT;
        }
        return tally.succeeded() ? SmackPeer.OK : SmackPeer.TRANSFER_FAILED;
    }

    /** Runs on Smack's thread: decides at once, the transfer itself is watched elsewhere. */
    private void onOffer(FileTransferRequest request, NegotiatedMethods methods, ExecutorService watchers,
            long deadline) {
        long start = System.nanoTime();
        String offered = request.getFileName() == null ? "" : request.getFileName();
        report.offer(request.getRequestor(), offered, request.getFileSize());

        if (!tally.claim()) {
            errors.problem("refused an offer of '" + CommandLine.printable(offered) + "' beyond --count "
                    + tally.expected());
            reject(request);
            return;
        }
        Optional<Path> target = target(offered);
        if (target.isEmpty()) {
            reject(request);
            report.received(offered, new Outcome("refused", 0, Transfers.millisSince(start),
                    NegotiatedMethods.UNKNOWN, Optional.of("unsafe file name")), Optional.empty());
            tally.failed();
            return;
        }
        IncomingFileTransfer transfer = request.accept();
        try {
            transfer.receiveFile(target.get().toFile());
        } catch (SmackException | IOException | RuntimeException e) {
            report.received(offered, new Outcome("error", 0, Transfers.millisSince(start),
                    NegotiatedMethods.UNKNOWN, Optional.of(ErrorLog.describe(e))), Optional.empty());
            tally.failed();
            return;
        }
        watchers.execute(() -> {
            try {
                watch(transfer, request, offered, target.get(), start, methods, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void watch(IncomingFileTransfer transfer, FileTransferRequest request, String offered, Path file,
            long start, NegotiatedMethods methods, long deadline) throws InterruptedException {
        if (!Transfers.awaitDone(transfer, deadline)) {
            return; // the main thread reports the timeout
        }
        long millis = Transfers.millisSince(start);
        cpuAtEnd.mark();
        String status = Transfers.status(transfer.getStatus());
        Optional<String> error = Transfers.error(transfer);
        long bytes = transfer.getAmountWritten();
        Optional<String> sha256 = Optional.empty();
        if (transfer.getStatus() == FileTransfer.Status.complete) {
            try {
                if (command.digest()) {
                    FileDigest digest = FileDigest.of(file);
                    bytes = digest.bytes();
                    sha256 = Optional.of(digest.sha256());
                } else {
                    bytes = Files.size(file);
                }
                if (bytes != request.getFileSize()) {
                    status = "error";
                    error = Optional.of("received " + bytes + " of " + request.getFileSize() + " bytes");
                }
            } catch (IOException e) {
                status = "error";
                error = Optional.of("cannot read the received file: " + ErrorLog.describe(e));
            }
        }
        boolean complete = status.equals("complete");
        String method = methods.methodWith(request.getRequestor(), complete ? Sender.METHOD_GRACE : Duration.ZERO);
        report.received(offered, new Outcome(status, bytes, millis, method, error), sha256);
        if (complete) {
            tally.completed();
        } else {
            tally.failed();
        }
    }

    /** Where an offered file goes, or empty when its name could lead anywhere else. */
    private Optional<Path> target(String offered) {
        return SafeFileName.of(offered)
                .map(command.into()::resolve)
                .filter(path -> command.into().equals(path.getParent()))
                // Smack writes through whatever is there: never through a link or onto a directory
                .filter(path -> !Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                        || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS));
    }

    private void reject(FileTransferRequest request) {
        try {
            request.reject();
        } catch (SmackException.NotConnectedException e) {
            errors.problem("could not refuse an offer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Size and SHA-256 of a received file, read back from disk: what arrived, not what Smack counted. */
    record FileDigest(long bytes, String sha256) {

        static FileDigest of(Path file) throws IOException {
            MessageDigest digest = Sha256.digest();
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    total += n;
                }
            }
            return new FileDigest(total, Sha256.hex(digest));
        }
    }
}
