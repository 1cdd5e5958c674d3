package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.sift.negotiation.NegotiationException;

/**
 * The disco#info features of one account's peers, reused for a while: a transfer of many files to
 * one peer asks once. Failed lookups are not kept, so a peer that comes online is seen at once.
 * At most {@code maxEntries} peers are kept (least recently used go first). A peer that announces
 * other capabilities (XEP-0115) than it did when it was asked is asked again at once: its features
 * changed (a stream method started or stopped there), and waiting for the entry to expire would
 * offer it what it no longer serves, or leave out what it serves again.
 */
final class DiscoCache {

    /** Asks a peer for its features. */
    @FunctionalInterface
    interface Lookup {
        Set<String> features(String jid) throws NegotiationException, InterruptedException;
    }

    private record Entry(Set<String> features, Optional<String> capsNode, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Function<String, Optional<String>> announcedCaps;
    private final Map<String, Entry> entries; // guarded by this

    /** @param ttl zero: no caching */
    DiscoCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this(ttl, maxEntries, nanoClock, jid -> Optional.empty());
    }

    /**
     * @param ttl zero: no caching
     * @param announcedCaps the capabilities version a JID announced in its last presence, if any
     */
    DiscoCache(Duration ttl, int maxEntries, LongSupplier nanoClock, Function<String, Optional<String>> announcedCaps) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.announcedCaps = announcedCaps;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    Set<String> features(String jid, Lookup lookup) throws NegotiationException, InterruptedException {
        if (ttlNanos <= 0) {
            return Set.copyOf(lookup.features(jid));
        }
        Optional<String> capsNode = announcedCaps.apply(jid);
        synchronized (this) {
            Entry entry = entries.get(jid);
            if (entry != null) {
                if (nanoClock.getAsLong() - entry.expiresAtNanos() < 0
                        && (capsNode.isEmpty() || Objects.equals(capsNode, entry.capsNode()))) {
                    return entry.features();
                }
                entries.remove(jid);
            }
        }
        // outside the lock: a lookup waits for the network
        Set<String> features = Set.copyOf(lookup.features(jid));
        synchronized (this) {
            entries.put(jid, new Entry(features, capsNode, nanoClock.getAsLong() + ttlNanos));
        }
        return features;
    }

    /** Drops what is known about {@code jid}, e.g. after it answered as if it had changed. */
    synchronized void forget(String jid) {
        entries.remove(jid);
    }
}
