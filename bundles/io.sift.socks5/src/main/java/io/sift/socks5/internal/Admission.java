package io.sift.socks5.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The connections that have not identified their stream yet, oldest first, counted per source.
 * It decides who makes room for a newcomer; it closes nothing itself.
 *
 * <p>A newcomer is always admitted, and an old connection leaves instead: the oldest from the
 * newcomer's own source when that source is at its limit, and the oldest from the busiest source
 * when all are at the total limit. A flood from one source thus only ever pushes out its own
 * connections, and a receiver that connects later, from another source or the same one, gets in
 * and has the time of one round trip before anyone could push it out again (a receiver sends its
 * whole request at once). Refusing newcomers instead would hand the port to whoever came first.
 *
 * <p>Every source's limit grows by one for each stream this side awaits, from any peer: a receiver
 * of many files at once connects for all of them together, from one address, often before the
 * first has been read, and a fixed limit would have its own connections push each other out (to a
 * slower proxy, or to failure). The price: while streams are awaited, each flooding address holds
 * that many more, within the total; and at the total, a receiver with many connections in progress
 * may itself be the busiest source.
 *
 * <p>Not thread-safe: the handshake thread alone uses it.
 *
 * @param <C> a connection
 */
final class Admission<C> {

    /** Bytes of an IPv6 address that name its network (/64): one host usually holds all of it. */
    private static final int IPV6_NETWORK_BYTES = 8;

    private final int total;
    private final int perSource;
    private final IntSupplier awaited;
    private final Function<C, Object> sourceOf;
    private final Set<C> byAge = new LinkedHashSet<>();
    private final Map<Object, Set<C>> bySource = new HashMap<>();

    /**
     * @param perSource connections one source may hold, besides {@code awaited}
     * @param awaited the streams this side awaits now: one source may hold that many more
     * @param sourceOf the source of a connection, as {@link #source} gives it; must not change
     */
    Admission(int total, int perSource, IntSupplier awaited, Function<C, Object> sourceOf) {
        if (total < 1 || perSource < 1) {
            throw new IllegalArgumentException("limits must be positive: " + total + ", " + perSource);
        }
        this.total = total;
        this.perSource = perSource;
        this.awaited = awaited;
        this.sourceOf = sourceOf;
    }

    /**
     * What counts as one source: an IPv4 address, or an IPv6 /64 network, since one host can pick
     * any of the 2^64 addresses of its network and a per-address limit would not hold it.
     */
    static Object source(InetAddress address) {
        if (address instanceof Inet6Address) {
            return ByteBuffer.wrap(address.getAddress(), 0, IPV6_NETWORK_BYTES).slice();
        }
        return address;
    }

    /**
     * Adds a newcomer.
     *
     * @return the connections that left to make room for it (at most two), to be closed by the caller
     */
    List<C> admit(C connection) {
        List<C> leaving = new ArrayList<>(2);
        Set<C> same = bySource.get(sourceOf.apply(connection));
        if (same != null && full(same.size())) {
            leaving.add(same.iterator().next());
        } else if (byAge.size() >= total) {
            leaving.add(oldestOfBusiestSource());
        }
        leaving.forEach(this::remove);
        byAge.add(connection);
        bySource.computeIfAbsent(sourceOf.apply(connection), s -> new LinkedHashSet<>()).add(connection);
        return leaving;
    }

    /** Whether a source holding {@code held} connections is at its limit; the awaited streams are asked for only then. */
    private boolean full(int held) {
        return held >= perSource && held - perSource >= awaited.getAsInt();
    }

    /** Takes a connection out (it identified itself, or ended); false when it was not in. */
    boolean remove(C connection) {
        if (!byAge.remove(connection)) {
            return false;
        }
        Object source = sourceOf.apply(connection);
        Set<C> same = bySource.get(source);
        same.remove(connection);
        if (same.isEmpty()) {
            bySource.remove(source);
        }
        return true;
    }

    /** The connection admitted first among those still in, or null. */
    C oldest() {
        Iterator<C> first = byAge.iterator();
        return first.hasNext() ? first.next() : null;
    }

    int size() {
        return byAge.size();
    }

    /** Connections from one source, for tests. */
    int count(Object source) {
        Set<C> same = bySource.get(source);
        return same == null ? 0 : same.size();
    }

    /** Empties it; the connections that were in, for closing. */
    List<C> clear() {
        List<C> all = new ArrayList<>(byAge);
        byAge.clear();
        bySource.clear();
        return all;
    }

    /**
     * The oldest connection among the sources that hold the most; a scan of at most {@code total}
     * connections, done only when the total limit is reached.
     */
    private C oldestOfBusiestSource() {
        int most = 0;
        for (Set<C> same : bySource.values()) {
            most = Math.max(most, same.size());
        }
        for (C connection : byAge) {
            if (bySource.get(sourceOf.apply(connection)).size() == most) {
                return connection;
            }
        }
        throw new IllegalStateException("a full admission has a busiest source");
    }
}
