package io.sift.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaFilter;

/**
 * Runs a bundle's first-transfer code once on the bundle's own data, while the process waits for
 * its first peer. A fresh JVM pays for code the first time it runs (class loading, lambda linking,
 * the interpreter's first pass); a rehearsal pays that before a peer waits for it. A rehearsal
 * reaches no server, account or listener of transfers, and one that fails only leaves the first
 * transfer slower.
 *
 * <p>It starts once an account is online, because rehearsals touch Smack, which inside OSGi must not
 * initialise before the connection bundle has handed it its XML parser; and it waits until that
 * account's connection has neither received nor sent a stanza for {@link #QUIET_MILLIS} ms. A
 * process that waits for peers (a receiver after its start) rehearses a quarter of a second after
 * its account is online; one that talks to a peer from the start (a sender that offers as soon as it
 * is online, an in-band transfer, whose every block is a stanza) does not rehearse while it does:
 * there the rehearsal would only take CPU from a transfer that has already paid for its code (a
 * fresh sender's 1 MiB in-band took 405 ms with rehearsals running beside it, 329 without). The data
 * of a SOCKS5 bytestream does not go through the connection: a transfer whose data phase lasts longer
 * than the quiet period may see the rehearsal run beside it, once.
 */
public final class Rehearsal {

    /** How long an account's connection must carry no stanza before its process counts as idle. */
    public static final long QUIET_MILLIS = 250;

    /** What a rehearsal runs. */
    @FunctionalInterface
    public interface Steps {
        void run() throws Exception;
    }

    /** Waits; the JVM's own sleep outside tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final String threadName;
    private final Steps steps;
    private final Consumer<Throwable> failed;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean stopped;

    /** @param failed told what made the rehearsal fail */
    public Rehearsal(String threadName, Steps steps, Consumer<Throwable> failed) {
        this(threadName, steps, failed, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    Rehearsal(String threadName, Steps steps, Consumer<Throwable> failed, LongSupplier nanoClock, Sleeper sleeper) {
        this.threadName = threadName;
        this.steps = steps;
        this.failed = failed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * On a daemon thread of its own, waits until {@code connection} has carried no stanza for
     * {@link #QUIET_MILLIS} ms, then runs the steps. Only the first call does anything, and none
     * after {@link #stop}.
     */
    public void startOnceQuiet(XMPPConnection connection) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread waiting = new Thread(() -> runWhenQuiet(connection), threadName);
        waiting.setDaemon(true);
        waiting.setPriority(Thread.MIN_PRIORITY);
        thread = waiting;
        waiting.start();
    }

    /**
     * Its bundle stops: a rehearsal that waits ends without running, and one that runs is interrupted
     * (its steps end at their next blocking call); none starts afterwards. Does not wait for it.
     */
    public void stop() {
        stopped = true;
        started.set(true);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Waits for the quiet on this thread, then runs the steps; an interrupt ends the wait without them. */
    void runWhenQuiet(XMPPConnection connection) {
        try {
            if (awaitQuiet(connection) && !stopped) {
                steps.run();
            }
        } catch (Exception | LinkageError e) {
            failed.accept(e);
        }
    }

    /** @return false when interrupted first */
    private boolean awaitQuiet(XMPPConnection connection) {
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        AtomicLong lastStanza = new AtomicLong(nanoClock.getAsLong());
        // The filter notes the time and lets nothing through, so that Smack starts no task per stanza
        // for it; the listener is never called (one of its own: Smack keys its listeners by them).
        StanzaFilter noteTime = stanza -> {
            lastStanza.set(nanoClock.getAsLong());
            return false;
        };
        StanzaListener neverCalled = stanza -> lastStanza.set(nanoClock.getAsLong());
        // Smack shows no listener the IQ requests it receives (a peer's offer, an in-band block), but
        // this side's answers to them go out: the sent stanzas count too.
        connection.addSyncStanzaListener(neverCalled, noteTime);
        try {
            connection.addStanzaSendingListener(neverCalled, noteTime);
            try {
                for (long quiet = 0; quiet < quietNanos; quiet = nanoClock.getAsLong() - lastStanza.get()) {
                    sleeper.sleep(quietNanos - quiet);
                }
                return !Thread.currentThread().isInterrupted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                connection.removeStanzaSendingListener(neverCalled);
            }
        } finally {
            connection.removeSyncStanzaListener(neverCalled);
        }
    }
}
