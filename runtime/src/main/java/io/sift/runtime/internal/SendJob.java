package io.sift.runtime.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Progress;
import io.sift.shell.text.ProgressBar;
import io.sift.shell.text.RateMeter;
import io.sift.shell.text.ResultLine;
import io.sift.shell.text.Sizes;

/**
 * {@code send JID FILE...}: the files all at once (or one after another), one result line per file
 * on stdout, progress and outcomes on stderr. Each offer goes through the account's current session:
 * after a reconnect, files still to send wait for the account to be back (up to the login timeout).
 */
final class SendJob {

    static final Duration FRAME = Duration.ofMillis(200);
    /** How often to try again while the receiver's presence has not arrived yet. */
    static final Duration PEER_RETRY = Duration.ofMillis(500);

    private final PrintStream out;
    private final PrintStream err;
    private final int width;
    private final TransferTimes times;

    SendJob(PrintStream out, PrintStream err, int width, TransferTimes times) {
        this.out = out;
        this.err = err;
        this.width = width;
        this.times = times;
    }

    /**
     * How to send: to whom, with what options, and how to show it.
     *
     * @param waitAccount how long an offer waits for the account to be online again
     */
    record Plan(String peer, SendOptions options, Duration waitPeer, Duration waitAccount, boolean progress,
            boolean oneByOne, boolean reportCpu, int retries) {
    }

    /** The first pause before sending a file again; it doubles with each retry, up to {@link #MAX_RETRY_PAUSE}. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

    /** Sends every file; the exit status is 0 when all arrived, else the first failure's. */
    int run(AccountFiles account, List<Path> files, Plan plan) throws CliFailure, InterruptedException {
        if (plan.reportCpu()) {
            err.println("cpu-at-offer-nanos\t" + TransferTimes.processCpuNanos());
            err.flush();
        }
        Instant peerDeadline = Instant.now().plus(plan.waitPeer());
        List<FileSend> sends = files.stream().map(f -> new FileSend(account, f, plan, peerDeadline, err)).toList();
        ExecutorService senders = Executors.newFixedThreadPool(plan.oneByOne() ? 1 : Math.min(sends.size(), 64),
                runnable -> {
                    Thread t = new Thread(runnable, "sift-cli-send");
                    t.setDaemon(true);
                    return t;
                });
        try {
            CliFailure first = null;
            if (plan.oneByOne()) {
                for (FileSend send : sends) {
                    first = firstOf(first, finish(follow(List.of(send), senders, plan.progress())));
                }
            } else {
                first = finish(follow(sends, senders, plan.progress()));
            }
            if (plan.reportCpu()) {
                err.println(times.cpuAtEndLine());
                err.flush();
            }
            return exitStatus(first);
        } finally {
            senders.shutdownNow();
        }
    }

    /** Starts the sends and draws their joint progress until every one has ended. */
    private List<FileSend> follow(List<FileSend> sends, ExecutorService senders, boolean progress)
            throws InterruptedException {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (FileSend send : sends) {
            running.add(CompletableFuture.runAsync(send, senders));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        RateMeter meter = new RateMeter(Duration.ofSeconds(3));
        Instant started = Instant.now();
        int last = 0;
        boolean drew = false;
        try {
            while (true) {
                if (progress && sends.stream().anyMatch(FileSend::transferring)) {
                    meter.record(System.nanoTime(), bytes(sends));
                    last = draw(sends, meter.bytesPerSecond(), last);
                    drew = true;
                }
                try {
                    all.get(FRAME.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    // next frame
                } catch (ExecutionException e) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            sends.forEach(FileSend::cancel);
            throw e;
        }
        // a fast transfer may end before the first frame: its finished bar still shows
        if (drew || progress && sends.stream().allMatch(FileSend::completed)) {
            meter.record(System.nanoTime(), bytes(sends));
            double rate = meter.bytesPerSecond();
            if (Double.isNaN(rate)) {
                // too short for a measured rate: the average says the same
                rate = Sizes.averageRate(bytes(sends), Duration.between(started, Instant.now()));
            }
            draw(sends, rate, last);
            err.println();
        }
        return sends;
    }

    private static long bytes(List<FileSend> sends) {
        return sends.stream().mapToLong(FileSend::bytes).sum();
    }

    private int draw(List<FileSend> sends, double rate, int lastLength) {
        long size = sends.stream().mapToLong(FileSend::size).sum();
        List<String> methods = sends.stream().map(FileSend::method).filter(m -> m != null).distinct().toList();
        String method = methods.size() == 1 ? methods.get(0) : null;
        String line = ProgressBar.render(new Progress(bytes(sends), size, rate, method), width - 1);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        return line.length();
    }

    /** One result line and one outcome line per file; returns the first failure, if any. */
    private CliFailure finish(List<FileSend> sends) throws CliFailure, InterruptedException {
        CliFailure first = null;
        for (FileSend send : sends) {
            first = firstOf(first, report(send.result(), send.file));
        }
        return first;
    }

    private CliFailure report(Transfer t, Path file) throws InterruptedException {
        times.awaitEnd(t.id());
        Duration elapsed = Duration.between(t.started(), Instant.now());
        out.println(ResultLine.of(t, t.peer()) + "\t" + times.columns(t.id(), t.started(), Instant.now()) + "\t"
                + ResultLine.check(t));
        out.flush();
        if (!delivered(t)) {
            return new CliFailure(CliFailure.TRANSFER_FAILED, Outcome.line(t, elapsed));
        }
        err.println(Outcome.line(t, elapsed));
        return null;
    }

    /**
     * A transfer that broke off for a reason that may pass (the stream, the peer or the server went
     * away, a timeout, a corrupted copy): worth sending again, and the receiver continues where it
     * stopped. A refusal, a local problem, or a peer never reached (the wait for the peer decides
     * that) is not.
     */
    static boolean brokeOff(Transfer t) {
        if (t.state() != TransferState.FAILED || t.failure().isEmpty()) {
            return false;
        }
        FailureReason reason = t.failure().get().reason();
        if (reason == FailureReason.PEER_UNAVAILABLE && t.bytesTransferred() == 0) {
            return false;
        }
        return switch (reason) {
            case STREAM_FAILED, STREAM_METHOD_GONE, TIMEOUT, PEER_UNAVAILABLE, ACCOUNT_OFFLINE, HASH_MISMATCH,
                    SIZE_MISMATCH -> true;
            default -> false;
        };
    }

    /** The pause before retry {@code retry} (from 0): doubling from {@link #RETRY_PAUSE}, at most {@link #MAX_RETRY_PAUSE}. */
    static Duration retryPause(int retry) {
        Duration pause = RETRY_PAUSE.multipliedBy(1L << Math.min(retry, 10));
        return pause.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause;
    }

    /**
     * Completed (the receiver confirmed the file) or sent (every byte went out and the stream closed
     * cleanly; a receiver that is not SIFT has no way to confirm): the result line tells which.
     */
    static boolean delivered(Transfer t) {
        return t.state() == TransferState.COMPLETED || t.state() == TransferState.SENT;
    }

    private static CliFailure firstOf(CliFailure first, CliFailure next) {
        return first != null ? first : next;
    }

    private int exitStatus(CliFailure first) throws CliFailure {
        if (first != null) {
            throw first;
        }
        return 0;
    }

    /**
     * One file's send, run on its own thread: offered again while the receiver's presence has not
     * arrived yet (just logged in), until the wait for the peer is over; each offer from the
     * account's current session.
     */
    private static final class FileSend implements Runnable {

        private final AccountFiles account;
        private final Path file;
        private final Plan plan;
        private final Instant peerDeadline;
        private final AtomicReference<Transfer> current = new AtomicReference<>();
        private final PrintStream err;
        private volatile CliFailure refused;
        private int retried;

        FileSend(AccountFiles account, Path file, Plan plan, Instant peerDeadline, PrintStream err) {
            this.err = err;
            this.account = account;
            this.file = file;
            this.plan = plan;
            this.peerDeadline = peerDeadline;
        }

        @Override
        public void run() {
            while (true) {
                FileTransferService service;
                try {
                    service = account.awaitOnline(plan.waitAccount());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (service == null) {
                    refused = new CliFailure(CliFailure.NOT_ONLINE, "cannot send " + file.getFileName() + ": "
                            + account.account() + " is not online after " + plan.waitAccount().toSeconds() + " s");
                    return;
                }
                Transfer transfer;
                try {
                    transfer = service.send(plan.peer(), file, plan.options());
                } catch (IllegalArgumentException e) {
                    refused = new CliFailure(CliFailure.USAGE, "cannot send " + file.getFileName() + ": "
                            + e.getMessage());
                    return;
                }
                current.set(transfer);
                transfer.completion().toCompletableFuture().exceptionally(e -> transfer).join();
                Duration pause;
                if (notOnlineYet(transfer) && Instant.now().isBefore(peerDeadline)) {
                    pause = PEER_RETRY;
                } else if (brokeOff(transfer) && retried < plan.retries()) {
                    pause = retryPause(retried++);
                    err.println("sift: " + Outcome.line(transfer, Duration.between(transfer.started(), Instant.now()))
                            + "; sending it again in " + pause.toSeconds() + " s (retry " + retried + " of "
                            + plan.retries() + ")");
                    err.flush();
                } else {
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }


        private static boolean notOnlineYet(Transfer t) {
            return t.state() == TransferState.FAILED
                    && t.failure().map(f -> f.reason() == FailureReason.PEER_UNAVAILABLE).orElse(false);
        }

        /** The last attempt, once run() has ended. */
        Transfer result() throws CliFailure {
            if (refused != null) {
                throw refused;
            }
            Transfer t = current.get();
            if (t == null) {
                throw new CliFailure(CliFailure.TRANSFER_FAILED, "cannot send " + file.getFileName()
                        + ": interrupted");
            }
            return t;
        }

        boolean transferring() {
            Transfer t = current.get();
            return t != null && t.state() == TransferState.TRANSFERRING;
        }

        boolean completed() {
            Transfer t = current.get();
            return t != null && delivered(t);
        }

        long bytes() {
            Transfer t = current.get();
            if (t == null) {
                return 0;
            }
            return delivered(t) ? t.size() : t.resumedFrom() + t.bytesTransferred();
        }

        long size() {
            Transfer t = current.get();
            return t == null ? file.toFile().length() : t.size();
        }

        String method() {
            Transfer t = current.get();
            return t == null ? null : t.streamMethod().map(StreamMethods::shortName).orElse(null);
        }

        void cancel() {
            Transfer t = current.get();
            if (t != null) {
                t.cancel();
            }
        }
    }

    static SendOptions options(CliArguments args) throws CliFailure {
        SendOptions options = SendOptions.defaults();
        if (args.option("desc").isPresent()) {
            options = options.withDescription(args.option("desc").get());
        }
        if (args.option("method").isPresent()) {
            String name = args.option("method").get();
            String namespace = StreamMethods.fromName(name).orElseThrow(() -> new CliFailure(CliFailure.USAGE,
                    "unknown stream method '" + name + "' (use ibb or socks5)"));
            options = options.withMethods(List.of(namespace));
        }
        return options;
    }
}
