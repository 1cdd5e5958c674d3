package io.sift.shell.internal.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;

/**
 * When each transfer's bytestream opened and when it ended, taken from the events as they happen:
 * a result line printed later (after hashing the file, or behind other transfers) still tells how
 * long the transfer itself took. Benchmarks read these columns.
 */
final class TransferTimes implements TransferListener {

    /** How long a result line waits for the end event, which listeners get after the transfer ended. */
    static final Duration END_EVENT_WAIT = Duration.ofSeconds(1);

    private final Map<String, Instant> firstByte = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    /** This process's CPU time when the latest transfer ended; -1 before any did. */
    private final AtomicLong cpuAtLastEnd = new AtomicLong(-1);

    @Override
    public void transferEvent(TransferEvent event) {
        switch (event.type()) {
            case STARTED -> firstByte.putIfAbsent(event.transferId(), event.time());
            case COMPLETED, SENT, FAILED, CANCELLED, DECLINED -> {
                cpuAtLastEnd.accumulateAndGet(processCpuNanos(), Math::max);
                ended.putIfAbsent(event.transferId(), event.time());
                synchronized (this) {
                    notifyAll();
                }
            }
            default -> {
            }
        }
    }

    /**
     * Waits a little for the transfer's end event: events reach listeners in order but on their own
     * thread, so a result line written as soon as the transfer ended may be ahead of them.
     */
    void awaitEnd(String transferId) throws InterruptedException {
        long deadline = System.nanoTime() + END_EVENT_WAIT.toNanos();
        synchronized (this) {
            long left;
            while (!ended.containsKey(transferId) && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /**
     * Two tab-separated columns for a result line: milliseconds from the offer to the end, and from
     * the offer to the bytestream's opening (the first byte, "-" if it never opened). Listeners are
     * told one after another, so the end may not have reached this one yet: then it ends now.
     */
    String columns(String transferId, Instant offered, Instant now) {
        return millis(offered, ended.getOrDefault(transferId, now)) + "\t"
                + millis(offered, firstByte.get(transferId));
    }

    /**
     * The line {@code --report-cpu} prints at exit: CPU time when the last transfer ended, before
     * the result lines' hashing, the logout and the framework's shutdown, which are no transfer work.
     */
    String cpuAtEndLine() {
        return "cpu-at-end-nanos\t" + cpuAtLastEnd.get();
    }

    /** CPU time of this whole process so far; -1 where the platform does not tell. */
    static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static String millis(Instant from, Instant to) {
        return to == null ? "-" : Long.toString(Math.max(0, Duration.between(from, to).toMillis()));
    }
}
