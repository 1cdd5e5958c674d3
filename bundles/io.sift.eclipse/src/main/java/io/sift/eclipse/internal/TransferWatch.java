package io.sift.eclipse.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;

import io.sift.api.Transfer;

/**
 * Follows transfers until they end, reporting to an Eclipse progress monitor (the Progress view):
 * the amount in thousandths of all bytes, the text from {@link ProgressText}. A cancel in the monitor
 * cancels every transfer, which tells the peer.
 */
public final class TransferWatch {

    private static final int UNITS = 1000;
    private static final long UPDATE_MILLIS = 200;

    private TransferWatch() {
    }

    /** Returns once every transfer reached a final state; true if the monitor was cancelled. */
    public static boolean follow(List<Transfer> transfers, IProgressMonitor monitor, String taskName)
            throws InterruptedException {
        monitor.beginTask(taskName, UNITS);
        CompletableFuture<?> all = CompletableFuture.allOf(
                transfers.stream().map(t -> t.completion().toCompletableFuture()).toArray(CompletableFuture[]::new));
        RateMeter rate = new RateMeter();
        // from the start, so that a transfer over before the first update still shows its rate
        rate.sample(System.nanoTime(), ProgressText.done(transfers));
        long total = Math.max(1, ProgressText.total(transfers));
        int reported = 0;
        boolean cancelled = false;
        while (!all.isDone()) {
            if (monitor.isCanceled() && !cancelled) {
                cancelled = true;
                transfers.forEach(Transfer::cancel);
            }
            try {
                all.get(UPDATE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillMoving) {
                // update the view below
            } catch (ExecutionException e) {
                // completion() never completes exceptionally; nothing to report
            }
            long done = ProgressText.done(transfers);
            monitor.subTask(ProgressText.of(transfers, rate.sample(System.nanoTime(), done)));
            int units = (int) Math.min(UNITS, done * UNITS / total);
            if (units > reported) {
                monitor.worked(units - reported);
                reported = units;
            }
        }
        monitor.done();
        return cancelled || monitor.isCanceled();
    }
}
