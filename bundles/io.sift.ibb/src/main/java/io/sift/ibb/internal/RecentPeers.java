package io.sift.ibb.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What one account learned about its peers, each entry kept for a while: peers come and go, and
 * their software changes, so nothing is remembered for ever. The map is bounded; the peer used
 * least recently goes first, so many one-off peers cannot make it grow without limit.
 *
 * @param <V> what is known of a peer
 */
final class RecentPeers<V> {

    private record Entry<V>(V value, long sinceNanos) {
    }

    private final int maxPeers;
    private final long keepNanos;
    private final LongSupplier nanoClock;
    // guarded by this; in access order, so the eldest entry is the one used least recently
    private final LinkedHashMap<String, Entry<V>> entries;

    RecentPeers(int maxPeers, Duration keep, LongSupplier nanoClock) {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be at least 1: " + maxPeers);
        }
        this.maxPeers = maxPeers;
        this.keepNanos = keep.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > RecentPeers.this.maxPeers;
            }
        };
    }

    /** What is known of {@code peer} (a key from {@link PeerKey}), while it is fresh. */
    synchronized Optional<V> get(String peer) {
        Entry<V> entry = entries.get(peer);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - entry.sinceNanos() >= keepNanos) {
            entries.remove(peer);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    synchronized void put(String peer, V value) {
        entries.put(peer, new Entry<>(value, nanoClock.getAsLong()));
    }

    synchronized int size() {
        return entries.size();
    }
}
