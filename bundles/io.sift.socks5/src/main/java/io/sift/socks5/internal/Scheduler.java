package io.sift.socks5.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay. Tests stand in for the clock through it. */
interface Scheduler {

    /** A scheduled task that can still be called off. */
    interface Scheduled {
        void cancel();
    }

    /**
     * Schedules {@code task}.
     *
     * @throws RejectedExecutionException when the scheduler is shut down
     */
    Scheduled schedule(Runnable task, long delayMillis);

    static Scheduler of(ScheduledExecutorService executor) {
        return (task, delayMillis) -> {
            ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
