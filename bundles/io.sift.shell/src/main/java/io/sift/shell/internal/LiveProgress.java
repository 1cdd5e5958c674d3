package io.sift.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.shell.text.Printable;
import io.sift.shell.text.Progress;
import io.sift.shell.text.ProgressBar;
import io.sift.shell.text.RateMeter;
import io.sift.shell.text.Sizes;

/**
 * Redraws a transfer's progress bar in place (carriage return, then the line padded over the last
 * one) until the transfer ends; the last drawing stays on screen.
 *
 * <p>Only while {@code drawing} says so: a job in the background must not draw over the prompt, not
 * even a line end. When drawing stops midway (the job was sent to the background) the line drawn so
 * far is left as it is, and the shell's own job line follows it; when it starts again (back in the
 * foreground) drawing goes on on the line the cursor is on then.
 */
final class LiveProgress {

    static final Duration RATE_WINDOW = Duration.ofSeconds(3);

    private final PrintStream out;
    private final int width;
    private final BooleanSupplier drawing;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private int lastLength;
    private boolean lineOpen;

    LiveProgress(PrintStream out, int width, BooleanSupplier drawing, Duration interval, LongSupplier nanoClock) {
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
        CompletableFuture<Transfer> done = transfer.completion().toCompletableFuture();
        RateMeter meter = new RateMeter(RATE_WINDOW);
        try {
            while (true) {
                meter.record(nanoClock.getAsLong(), transfer.bytesTransferred());
                draw(transfer, meter.bytesPerSecond());
                try {
                    done.get(interval.toNanos(), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    // next frame
                } catch (ExecutionException e) {
                    break; // completion() never fails; if it does, the state tells the rest
                }
            }
            meter.record(nanoClock.getAsLong(), transfer.bytesTransferred());
            double rate = meter.bytesPerSecond();
            if (Double.isNaN(rate)) {
                // too short for a measured rate: the average says the same
                rate = Sizes.averageRate(transfer.bytesTransferred(),
                        Duration.between(transfer.started(), Instant.now()));
            }
            draw(transfer, rate);
        } finally {
            endLine();
        }
        return transfer;
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

    private void draw(Transfer transfer, double rate) {
        if (!drawing.getAsBoolean()) {
            lineOpen = false;
            lastLength = 0;
            return;
        }
        long bytes = transfer.resumedFrom() + transfer.bytesTransferred();
        if (transfer.state() == TransferState.COMPLETED || transfer.state() == TransferState.SENT) {
            bytes = Math.max(bytes, transfer.size());
        }
        String method = transfer.streamMethod().map(StreamMethods::shortName).orElse(null);
        String line = switch (transfer.state()) {
            // no bytes can move yet: say what is awaited instead of a bar standing at 0%
            case OFFERED -> fit("waiting for " + Printable.of(transfer.peer()) + " to accept...");
            case NEGOTIATING -> fit("accepted; opening the bytestream...");
            default -> ProgressBar.render(new Progress(bytes, transfer.size(), rate, method), width - 1);
        };
        // pad over the remains of a longer previous line; width - 1 keeps the cursor off the last column
        String pad = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print("\r" + line + pad);
        out.flush();
        lastLength = line.length();
        lineOpen = true;
    }
}
