package io.sift.socks5.internal;

import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the test says so: scheduled tasks run when fired. */
final class ManualScheduler implements Scheduler {

    /** One scheduled task. */
    final class Task implements Scheduled {
        final Runnable task;
        final long delayMillis;
        volatile boolean cancelled;
        volatile boolean fired;

        Task(Runnable task, long delayMillis) {
            this.task = task;
            this.delayMillis = delayMillis;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        void fire() {
            if (!cancelled && !fired) {
                fired = true;
                task.run();
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized Scheduled schedule(Runnable task, long delayMillis) {
        Task t = new Task(task, delayMillis);
        tasks.add(t);
        return t;
    }

    /** Tasks with this delay that are neither cancelled nor fired, oldest first. */
    synchronized List<Task> pending(long delayMillis) {
        return tasks.stream().filter(t -> t.delayMillis == delayMillis && !t.cancelled && !t.fired).toList();
    }

    synchronized List<Task> all() {
        return List.copyOf(tasks);
    }

    /** Fires the oldest pending task with this delay. */
    void fireNext(long delayMillis) {
        List<Task> due = pending(delayMillis);
        if (due.isEmpty()) {
            throw new AssertionError("nothing scheduled after " + delayMillis + " ms: " + all().size() + " tasks");
        }
        due.get(0).fire();
    }
}
