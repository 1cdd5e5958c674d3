package io.sift.runtime.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import io.sift.shell.text.Sha256;
import io.sift.shell.text.Sizes;

/** {@code send JID FILE}: one file, a result line on stdout, progress and outcome on stderr. */
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

    int run(FileTransferService service, String peer, Path file, SendOptions options, Duration waitPeer,
            boolean progress) throws CliFailure, InterruptedException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliFailure(CliFailure.USAGE, "not a readable file: " + file);
        }
        Instant peerDeadline = Instant.now().plus(waitPeer);
        while (true) {
            Transfer transfer;
            try {
                transfer = service.send(peer, file, options);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(CliFailure.USAGE, "cannot send " + file.getFileName() + ": " + e.getMessage());
            }
            Transfer done = follow(transfer, progress);
            if (notOnlineYet(done) && Instant.now().isBefore(peerDeadline)) {
                // just logged in: the receiver's presence may still be on its way
                TimeUnit.MILLISECONDS.sleep(PEER_RETRY.toMillis());
                continue;
            }
            return report(done, file);
        }
    }

    private static boolean notOnlineYet(Transfer t) {
        return t.state() == TransferState.FAILED
                && t.failure().map(f -> f.reason() == FailureReason.PEER_UNAVAILABLE).orElse(false);
    }

    private Transfer follow(Transfer transfer, boolean progress) throws InterruptedException {
        CompletableFuture<Transfer> done = transfer.completion().toCompletableFuture();
        RateMeter meter = new RateMeter(Duration.ofSeconds(3));
        int last = 0;
        boolean drew = false;
        try {
            while (true) {
                if (progress && transfer.state() == TransferState.TRANSFERRING) {
                    meter.record(System.nanoTime(), transfer.bytesTransferred());
                    last = draw(transfer, meter.bytesPerSecond(), last);
                    drew = true;
                }
                try {
                    done.get(FRAME.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    // next frame
                } catch (ExecutionException e) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            transfer.cancel();
            throw e;
        }
        // a fast transfer may end before the first frame: its finished bar still shows
        if (drew || progress && transfer.state() == TransferState.COMPLETED) {
            meter.record(System.nanoTime(), transfer.bytesTransferred());
            double rate = meter.bytesPerSecond();
            if (Double.isNaN(rate)) {
                // too short for a measured rate: the average says the same
                rate = Sizes.averageRate(transfer.bytesTransferred(), Duration.between(transfer.started(), Instant.now()));
            }
            draw(transfer, rate, last);
            err.println();
        }
        return transfer;
    }

    private int draw(Transfer t, double rate, int lastLength) {
        long bytes = t.state() == TransferState.COMPLETED ? Math.max(t.size(), t.bytesTransferred())
                : t.bytesTransferred();
        String method = t.streamMethod().map(StreamMethods::shortName).orElse(null);
        String line = ProgressBar.render(new Progress(bytes, t.size(), rate, method), width - 1);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        return line.length();
    }

    private int report(Transfer t, Path file) throws CliFailure {
        Duration elapsed = Duration.between(t.started(), Instant.now());
        String sha = null;
        if (t.state() == TransferState.COMPLETED) {
            try {
                sha = Sha256.of(file);
            } catch (IOException e) {
                sha = null;
            }
        }
        out.println(ResultLine.of(t, sha, t.peer()) + "\t" + times.columns(t.id(), t.started(), Instant.now()));
        out.flush();
        if (t.state() != TransferState.COMPLETED) {
            throw new CliFailure(CliFailure.TRANSFER_FAILED, Outcome.line(t, elapsed));
        }
        err.println(Outcome.line(t, elapsed));
        return 0;
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
