package io.sift.negotiation.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Whiteboard services keyed by a namespace, in order of preference: higher priority first, then
 * higher service ranking, then the older service (lower service id). Reads take no lock: they see
 * an immutable snapshot, so an offer in progress is never disturbed by a bundle coming or going.
 */
final class RankedServices<T> {

    /** One service under one key. */
    record Entry<T>(T service, String key, int priority, int ranking, long serviceId) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.comparingInt((Entry<?> e) -> e.priority()).reversed()
            .thenComparing(Comparator.comparingInt((Entry<?> e) -> e.ranking()).reversed())
            .thenComparingLong(e -> e.serviceId());

    private volatile List<Entry<T>> entries = List.of();

    /** Adds {@code service} under {@code keys}, replacing what it was registered with before. */
    synchronized void put(T service, List<String> keys, int priority, int ranking, long serviceId) {
        List<Entry<T>> next = new ArrayList<>();
        for (Entry<T> e : entries) {
            if (e.service() != service) {
                next.add(e);
            }
        }
        for (String key : keys) {
            next.add(new Entry<>(service, key, priority, ranking, serviceId));
        }
        next.sort(ORDER);
        entries = List.copyOf(next);
    }

    /** @return whether {@code service} was registered */
    synchronized boolean remove(T service) {
        List<Entry<T>> next = new ArrayList<>();
        for (Entry<T> e : entries) {
            if (e.service() != service) {
                next.add(e);
            }
        }
        boolean removed = next.size() != entries.size();
        entries = List.copyOf(next);
        return removed;
    }

    /** Each key once, in order of its most preferred service. */
    List<String> keys() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Entry<T> e : entries) {
            keys.add(e.key());
        }
        return List.copyOf(keys);
    }

    boolean contains(String key) {
        return find(key).isPresent();
    }

    /** The most preferred service registered under {@code key}. */
    Optional<T> find(String key) {
        for (Entry<T> e : entries) {
            if (e.key().equals(key)) {
                return Optional.of(e.service());
            }
        }
        return Optional.empty();
    }
}
