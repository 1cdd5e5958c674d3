package io.sift.socks5.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.sift.spi.StreamException;

/**
 * The target's connection attempts to the offered streamhosts, in document order. The next
 * streamhost is tried {@code staggerMillis} after the previous attempt started, or at once when
 * that attempt failed; attempts already under way go on side by side. The first attempt to
 * complete the SOCKS5 exchange wins and every other one is stopped. So a dead first streamhost
 * costs the stagger delay, not its whole timeout, and a live first streamhost is still preferred.
 *
 * <p>Every attempt has a deadline of its own; one that misses it counts as failed even while its
 * thread is still stuck (in a name lookup, say).
 */
final class StaggeredRace {

    /** The streamhost whose connection won, and the connection. */
    record Win(Streamhost streamhost, SocketChannel channel) {
    }

    private final List<Streamhost> streamhosts;
    private final String dstAddr;
    private final StreamhostConnector connector;
    private final Executor executor;
    private final Scheduler scheduler;
    private final long staggerMillis;
    private final long attemptMillis;
    private final CompletableFuture<Win> outcome = new CompletableFuture<>();

    // guarded by this
    private int next;
    private final Map<Integer, StreamhostConnector.Attempt> running = new HashMap<>();
    private final List<Scheduler.Scheduled> timers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private boolean done;

    /**
     * @param executor runs the blocking attempts (one thread each while it runs)
     * @param attemptMillis the deadline of each attempt (connect and SOCKS5 exchange)
     */
    StaggeredRace(List<Streamhost> streamhosts, String dstAddr, StreamhostConnector connector, Executor executor,
            Scheduler scheduler, long staggerMillis, long attemptMillis) {
        if (streamhosts.isEmpty()) {
            throw new IllegalArgumentException("no streamhost to try");
        }
        this.streamhosts = List.copyOf(streamhosts);
        this.dstAddr = dstAddr;
        this.connector = connector;
        this.executor = executor;
        this.scheduler = scheduler;
        this.staggerMillis = staggerMillis;
        this.attemptMillis = attemptMillis;
    }

    /**
     * Starts with the first streamhost. The future completes with the winner, or exceptionally with a
     * {@link StreamException} ({@code REFUSED} when no streamhost worked).
     */
    CompletableFuture<Win> start() {
        synchronized (this) {
            if (next != 0 || done) {
                return outcome;
            }
            next = 1;
        }
        startAttempt(0);
        return outcome;
    }

    /** Stops every attempt; the outcome fails with {@code reason} unless a winner was already chosen. */
    void cancel(StreamException reason) {
        List<StreamhostConnector.Attempt> stopped;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            stopped = new ArrayList<>(running.values());
            running.clear();
        }
        cancelTimers();
        stopped.forEach(StreamhostConnector.Attempt::cancel);
        outcome.completeExceptionally(reason);
    }

    private void startAttempt(int index) {
        Streamhost streamhost = streamhosts.get(index);
        StreamhostConnector.Attempt attempt = connector.attempt(streamhost, dstAddr);
        synchronized (this) {
            if (done) {
                return;
            }
            running.put(index, attempt);
        }
        try {
            schedule(() -> failed(index, attempt, "no connection within " + attemptMillis + " ms"), attemptMillis);
            if (index + 1 < streamhosts.size()) {
                schedule(() -> staggerElapsed(index + 1), staggerMillis);
            }
            executor.execute(() -> run(index, attempt));
        } catch (RejectedExecutionException e) {
            failed(index, attempt, "stopped");
        }
    }

    private void run(int index, StreamhostConnector.Attempt attempt) {
        try {
            succeeded(index, attempt.connect());
        } catch (IOException | RuntimeException e) {
            failed(index, attempt, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            failed(index, attempt, "interrupted");
            Thread.currentThread().interrupt();
        }
    }

    private void staggerElapsed(int index) {
        synchronized (this) {
            // already started, because the previous attempt failed early
            if (done || next != index) {
                return;
            }
            next = index + 1;
        }
        startAttempt(index);
    }

    private void succeeded(int index, SocketChannel channel) {
        List<StreamhostConnector.Attempt> losers;
        synchronized (this) {
            if (done || running.remove(index) == null) {
                // decided meanwhile, or past this attempt's deadline
                Sockets.closeQuietly(channel);
                return;
            }
            done = true;
            losers = new ArrayList<>(running.values());
            running.clear();
        }
        cancelTimers();
        losers.forEach(StreamhostConnector.Attempt::cancel);
        if (!outcome.complete(new Win(streamhosts.get(index), channel))) {
            Sockets.closeQuietly(channel);
        }
    }

    private void failed(int index, StreamhostConnector.Attempt attempt, String reason) {
        int start = -1;
        boolean lost = false;
        String summary = null;
        synchronized (this) {
            if (done || running.remove(index) == null) {
                return;
            }
            failures.add(streamhosts.get(index) + ": " + reason);
            if (next < streamhosts.size()) {
                start = next++;
            } else if (running.isEmpty()) {
                done = true;
                lost = true;
                summary = String.join("; ", failures);
            }
        }
        attempt.cancel();
        if (start >= 0) {
            startAttempt(start);
        }
        if (lost) {
            cancelTimers();
            outcome.completeExceptionally(new StreamException(StreamException.Kind.REFUSED,
                    "no streamhost could be used: " + summary));
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        Scheduler.Scheduled timer = scheduler.schedule(task, delayMillis);
        boolean cancelNow;
        synchronized (this) {
            cancelNow = done;
            if (!done) {
                timers.add(timer);
            }
        }
        if (cancelNow) {
            timer.cancel();
        }
    }

    private void cancelTimers() {
        List<Scheduler.Scheduled> all;
        synchronized (this) {
            all = new ArrayList<>(timers);
            timers.clear();
        }
        all.forEach(Scheduler.Scheduled::cancel);
    }
}
