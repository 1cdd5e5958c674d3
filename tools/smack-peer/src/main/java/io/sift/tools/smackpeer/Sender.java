package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.FileTransferNegotiator;

/**
 * {@code smack-peer send}: files through Smack's FileTransferManager to one recipient, all offered at once
 * or one by one, one RESULT line per file.
 */
final class Sender {

    /** How long a complete transfer may wait for Smack's listener thread to report the chosen method. */
    static final Duration METHOD_GRACE = Duration.ofSeconds(1);

    private final SendCommand command;
    private final Report report;
    private final ErrorLog errors;
    private final CpuAtOffer cpuAtOffer;
    private final CpuAtEnd cpuAtEnd;

    Sender(SendCommand command, Report report, ErrorLog errors, CpuAtOffer cpuAtOffer, CpuAtEnd cpuAtEnd) {
        this.command = command;
        this.report = report;
        this.errors = errors;
        this.cpuAtOffer = cpuAtOffer;
        this.cpuAtEnd = cpuAtEnd;
    }

    int run() throws InterruptedException {
        if (command.method() == SendCommand.Method.IBB) {
            // JVM-wide in Smack; read when the offer is built and when disco features are announced
            FileTransferNegotiator.IBB_ONLY = true;
        }
        Optional<PeerSession> opened = PeerSession.openOrReport(command.login(), errors,
                connection -> LocalStreamhost.configure(connection, command.streamhosts()));
        if (opened.isEmpty()) {
            return SmackPeer.CONNECTION_FAILED;
        }
        PeerSession session = opened.get();
        try (session) {
            return send(session.connection());
        }
    }

    private int send(XMPPTCPConnection connection) throws InterruptedException {
        command.ibbBlockSize().ifPresent(size ->
                InBandBytestreamManager.getByteStreamManager(connection).setDefaultBlockSize(size));
        if (command.method() == SendCommand.Method.SOCKS5) {
            Socks5OnlyOffer.install(connection);
        }
        NegotiatedMethods methods = NegotiatedMethods.watch(connection);
        SendResults results = new SendResults(report, cpuAtEnd);
        FileOffers offers = new FileOffers(FileTransferManager.getInstanceFor(connection), command, methods, results);
        report.ready(connection.getUser());

        cpuAtOffer.print();
        // one file: no watcher thread, the transfer is watched where it was offered
        if (command.oneByOne() || command.files().size() == 1) {
            oneByOne(offers);
        } else {
            allAtOnce(offers);
        }
        cpuAtEnd.print();
        return results.exitCode();
    }

    /** Each file is offered after the previous one's transfer ended, whether it completed or not. */
    private void oneByOne(FileOffers offers) throws InterruptedException {
        for (Path file : command.files()) {
            Optional<FileOffers.Pending> pending = offers.offer(file);
            if (pending.isPresent()) {
                offers.awaitEnd(pending.get());
            }
        }
    }

    /**
     * Every file is offered at once, like a user dropping several files. Each transfer has a watcher thread
     * of its own, so each RESULT line is printed when that transfer ended, not when an earlier one did.
     */
    private void allAtOnce(FileOffers offers) throws InterruptedException {
        ExecutorService watchers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smack-peer transfer watch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> watched = new ArrayList<>();
            for (Path file : command.files()) {
                Optional<FileOffers.Pending> pending = offers.offer(file);
                if (pending.isPresent()) {
                    watched.add(watchers.submit(() -> {
                        offers.awaitEnd(pending.get());
                        return null;
                    }));
                }
            }
            for (Future<?> watch : watched) {
                awaitWatch(watch);
            }
        } finally {
            watchers.shutdownNow();
        }
    }

    private static void awaitWatch(Future<?> watch) throws InterruptedException {
        try {
            watch.get();
        } catch (ExecutionException e) {
            // a watcher only waits and prints: anything it throws is a bug, not a transfer's failure
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            if (e.getCause() instanceof Error bug) {
                throw bug;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
