package io.sift.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.junit.jupiter.api.Test;

class RehearsalTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A connection that keeps the filters of its stanza listeners, received and sent, as Smack does. */
    private static final class Listeners {
        final Map<StanzaListener, StanzaFilter> received = new HashMap<>();
        final Map<StanzaListener, StanzaFilter> sent = new HashMap<>();
        final XMPPConnection connection = (XMPPConnection) Proxy.newProxyInstance(
                XMPPConnection.class.getClassLoader(), new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addSyncStanzaListener" -> received.put((StanzaListener) args[0], (StanzaFilter) args[1]);
                        case "removeSyncStanzaListener" -> {
                            return received.remove(args[0]) != null;
                        }
                        case "addStanzaSendingListener" -> sent.put((StanzaListener) args[0], (StanzaFilter) args[1]);
                        case "removeStanzaSendingListener" -> sent.remove(args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });

        /** Shows a stanza to every filter, as Smack does before it calls a listener; none may want it. */
        void stanza(Map<StanzaListener, StanzaFilter> direction) {
            for (StanzaFilter filter : List.copyOf(direction.values())) {
                assertFalse(filter.accept(null), "a filter let a stanza through");
            }
        }

        boolean empty() {
            return received.isEmpty() && sent.isEmpty();
        }
    }

    /** A clock that sleeping moves on, and stanzas that arrive at set times while it does. */
    private static final class Timeline {
        final Listeners listeners;
        /** When stanzas come in, and when they go out. */
        final TreeSet<Long> arrivals = new TreeSet<>();
        final TreeSet<Long> departures = new TreeSet<>();
        long now;

        Timeline(Listeners listeners) {
            this.listeners = listeners;
        }

        void sleep(long nanos) throws InterruptedException {
            long until = now + nanos;
            TreeSet<Long> all = new TreeSet<>(arrivals);
            all.addAll(departures);
            for (Long at = all.ceiling(now); at != null && at <= until; at = all.higher(at)) {
                now = at;
                listeners.stanza(arrivals.contains(at) ? listeners.received : listeners.sent);
            }
            now = until;
        }
    }

    private final Listeners listeners = new Listeners();
    private final Timeline timeline = new Timeline(listeners);
    private final AtomicReference<Long> ranAt = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Rehearsal rehearsal(Rehearsal.Steps steps) {
        return new Rehearsal("test-rehearsal", steps, failure::set, () -> timeline.now, timeline::sleep);
    }

    private Rehearsal recording() {
        return rehearsal(() -> ranAt.set(timeline.now));
    }

    /** Runs a recording rehearsal on the timeline; it must let go of the connection and not fail. */
    private long rehearsedAtMillis() {
        recording().runWhenQuiet(listeners.connection);
        assertTrue(listeners.empty());
        assertNull(failure.get());
        return ranAt.get() / MS;
    }

    @Test
    void aQuietConnectionIsRehearsedAfterTheQuietPeriodAndItsListenersRemoved() {
        assertEquals(Rehearsal.QUIET_MILLIS, rehearsedAtMillis());
    }

    @Test
    void everyStanzaReceivedPutsTheRehearsalOffUntilTheConnectionHasBeenQuietSinceIt() {
        timeline.arrivals.addAll(List.of(100 * MS, 300 * MS, 520 * MS));
        assertEquals(520 + Rehearsal.QUIET_MILLIS, rehearsedAtMillis());
    }

    @Test
    void stanzasSentCountTooSinceSmackShowsNoListenerTheRequestsTheyAnswer() {
        // an in-band receiver: the blocks arrive as IQ sets, which no listener sees; its answers go out
        timeline.departures.addAll(List.of(200 * MS, 400 * MS));
        timeline.arrivals.add(600 * MS);
        assertEquals(600 + Rehearsal.QUIET_MILLIS, rehearsedAtMillis());
    }

    @Test
    void failingStepsAreReportedNotThrown() {
        IllegalStateException broken = new IllegalStateException("broken for the test");
        rehearsal(() -> {
            throw broken;
        }).runWhenQuiet(listeners.connection);

        assertSame(broken, failure.get());
        assertTrue(listeners.empty());
    }

    @Test
    void anInterruptedWaitEndsWithoutTheStepsAndKeepsTheInterrupt() {
        Rehearsal interrupted = new Rehearsal("test-rehearsal", () -> ranAt.set(timeline.now), failure::set,
                () -> timeline.now, nanos -> {
                    throw new InterruptedException();
                });
        try {
            interrupted.runWhenQuiet(listeners.connection);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertNull(ranAt.get());
        assertNull(failure.get());
        assertTrue(listeners.empty());
    }

    @Test
    void aConnectionThatRefusesTheListenerFailsTheRehearsalWithoutRunningIt() {
        XMPPConnection refusing = (XMPPConnection) Proxy.newProxyInstance(XMPPConnection.class.getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("no listeners for the test");
                });
        recording().runWhenQuiet(refusing);

        assertNull(ranAt.get());
        assertTrue(failure.get() instanceof IllegalStateException);
    }

    @Test
    void startingAgainDoesNotRehearseAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String threadName = "test-rehearsal-started-twice";
        // a sleeper that moves the clock on at once: a rehearsal runs as soon as its thread does
        Rehearsal rehearsal = new Rehearsal(threadName, runs::incrementAndGet, failure::set, () -> timeline.now,
                nanos -> timeline.now += nanos);

        rehearsal.startOnceQuiet(listeners.connection);
        rehearsal.startOnceQuiet(listeners.connection);

        // every thread the calls started is alive or has already run the steps
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(threadName)) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(thread.isAlive());
            }
        }
        assertEquals(1, runs.get());
    }

    @Test
    void aStoppedRehearsalEndsItsWaitWithoutTheStepsAndNoneStartsAfterIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String threadName = "test-rehearsal-stopped";
        // a connection that never goes quiet: the wait ends only when the thread is interrupted
        Rehearsal rehearsal = new Rehearsal(threadName, runs::incrementAndGet, failure::set, () -> timeline.now,
                nanos -> new CountDownLatch(1).await());
        rehearsal.startOnceQuiet(listeners.connection);
        Thread waiting = thread(threadName);

        rehearsal.stop();
        waiting.join(TimeUnit.SECONDS.toMillis(30));
        rehearsal.startOnceQuiet(listeners.connection);

        assertFalse(waiting.isAlive());
        assertEquals(0, runs.get());
        assertNull(thread(threadName), "a thread was started after the stop");
        assertNull(failure.get());
        assertTrue(listeners.empty());
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .findFirst().orElse(null);
    }
}
