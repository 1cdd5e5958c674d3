package io.sift.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.shell.text.Printable;
import io.sift.shell.text.Progress;
import io.sift.shell.text.ProgressBar;
import io.sift.shell.text.RateMeter;
import io.sift.shell.text.Sizes;

/**
 * Redraws the progress bar of one transfer, or the joint bar of several, in place (carriage return,
 * then the line padded over the last one) until they end; the last drawing stays on screen.
 *
 * <p>Only while {@code drawing} says so: a job in the background must not draw over the prompt, not
 * even a line end. When drawing stops midway (the job was sent to the background) the line drawn so
 * far is left as it is, and the shell's own job line follows it; when it starts again (back in the
 * foreground) drawing goes on on the line the cursor is on then.
 */
public final class LiveProgress {

    static final Duration RATE_WINDOW = Duration.ofSeconds(3);
    public static final Duration FRAME_INTERVAL = Duration.ofMillis(200);

    private final PrintStream out;
    private final int width;
    private final BooleanSupplier drawing;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final RateMeter meter = new RateMeter(RATE_WINDOW);
    private int lastLength;
    private boolean lineOpen;

    public LiveProgress(PrintStream out, int width, BooleanSupplier drawing, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.width = width;
        this.drawing = drawing;
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /**
     * Follows the transfer until it reaches a final state; a drawn line is ended.
     *
     * @throws InterruptedException if the thread was interrupted (e.g. Ctrl-C); the line is ended first
     */
    Transfer follow(Transfer transfer) throws InterruptedException {
        follow(transfer.completion().toCompletableFuture(), () -> List.of(transfer));
        return transfer;
    }

    /**
     * Draws the joint progress of the transfers {@code transfers} gives at each frame (new ones may
     * join) until {@code done} completes; a drawn line is ended.
     *
     * @throws InterruptedException if the thread was interrupted (e.g. Ctrl-C); the line is ended first
     */
    public void follow(CompletableFuture<?> done, Supplier<List<Transfer>> transfers) throws InterruptedException {
        try {
            while (true) {
                frame(transfers.get(), false);
                try {
                    done.get(interval.toNanos(), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    // next frame
                } catch (ExecutionException e) {
                    break; // the transfers' states tell the rest
                }
            }
            frame(transfers.get(), true);
        } finally {
            endLine();
        }
    }

    private void frame(List<Transfer> transfers, boolean last) {
        long bytes = transfers.stream().mapToLong(LiveProgress::bytes).sum();
        meter.record(nanoClock.getAsLong(), bytes);
        if (transfers.isEmpty()) {
            return;
        }
        double rate = meter.bytesPerSecond();
        if (last && Double.isNaN(rate)) {
            // too short for a measured rate: the average says the same
            Instant first = transfers.stream().map(Transfer::started).min(Instant::compareTo).orElse(Instant.now());
            rate = Sizes.averageRate(transfers.stream().mapToLong(Transfer::bytesTransferred).sum(),
                    Duration.between(first, Instant.now()));
        }
        draw(transfers, bytes, rate);
    }

    /** What moved of a transfer, counting what an earlier transfer of the same file already moved. */
    private static long bytes(Transfer transfer) {
        long bytes = transfer.resumedFrom() + transfer.bytesTransferred();
        if (transfer.state() == TransferState.COMPLETED || transfer.state() == TransferState.SENT) {
            bytes = Math.max(bytes, transfer.size());
        }
        return bytes;
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
            lastLength = 0;
        }
    }

    private String fit(String text) {
        return text.length() <= width - 1 ? text : text.substring(0, Math.max(1, width - 1));
    }

    private void draw(List<Transfer> transfers, long bytes, double rate) {
        if (!drawing.getAsBoolean()) {
            lineOpen = false;
            lastLength = 0;
            return;
        }
        String line = line(transfers, bytes, rate);
        // pad over the remains of a longer previous line; width - 1 keeps the cursor off the last column
        String pad = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print("\r" + line + pad);
        out.flush();
        lastLength = line.length();
        lineOpen = true;
    }

    private String line(List<Transfer> transfers, long bytes, double rate) {
        // no bytes can move yet: say what is awaited instead of a bar standing at 0%
        if (transfers.stream().allMatch(t -> t.state() == TransferState.OFFERED)) {
            return fit("waiting for " + Printable.of(transfers.get(0).peer()) + " to accept...");
        }
        if (bytes == 0 && transfers.stream().noneMatch(t -> t.state() == TransferState.TRANSFERRING)
                && transfers.stream().anyMatch(t -> t.state() == TransferState.NEGOTIATING)) {
            return fit("accepted; opening the bytestream...");
        }
        long size = transfers.stream().mapToLong(Transfer::size).sum();
        List<String> methods = transfers.stream().map(Transfer::streamMethod).flatMap(java.util.Optional::stream)
                .distinct().toList();
        String method = methods.size() == 1 ? StreamMethods.shortName(methods.get(0)) : null;
        return ProgressBar.render(new Progress(bytes, size, rate, method), width - 1);
    }
}
