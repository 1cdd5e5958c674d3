package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;

class DiscoCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final DiscoCache.Lookup lookup = jid -> {
        lookups.add(jid);
        return Set.of("urn:f:" + lookups.size());
    };

    @Test
    void answersAreReusedUntilTheyExpire() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 10, now::get);
        Set<String> first = cache.features("a@x/r", lookup);
        assertEquals(first, cache.features("a@x/r", lookup));
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(first, cache.features("a@x/r", lookup));
        assertEquals(1, lookups.size());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Set.of("urn:f:2"), cache.features("a@x/r", lookup));
        assertEquals(2, lookups.size());
    }

    @Test
    void eachJidHasItsOwnEntry() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 10, now::get);
        cache.features("a@x/r", lookup);
        cache.features("a@x/other", lookup);
        assertEquals(List.of("a@x/r", "a@x/other"), lookups);
    }

    @Test
    void failedLookupsAreNotKept() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 10, now::get);
        NegotiationException offline = new NegotiationException(Kind.PEER_UNAVAILABLE, "offline");
        assertThrows(NegotiationException.class, () -> cache.features("a@x/r", jid -> {
            throw offline;
        }));
        assertEquals(Set.of("urn:f:1"), cache.features("a@x/r", lookup));
    }

    @Test
    void zeroTtlAsksEveryTime() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ZERO, 10, now::get);
        cache.features("a@x/r", lookup);
        cache.features("a@x/r", lookup);
        assertEquals(2, lookups.size());
    }

    @Test
    void forgetDropsAnEntry() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 10, now::get);
        cache.features("a@x/r", lookup);
        cache.forget("a@x/r");
        cache.features("a@x/r", lookup);
        assertEquals(2, lookups.size());
    }

    @Test
    void aPeerAnnouncingOtherCapabilitiesIsAskedAgainAtOnce() throws Exception {
        Map<String, String> announced = new ConcurrentHashMap<>(Map.of("a@x/r", "https://sift.io#one"));
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 10, now::get,
                jid -> Optional.ofNullable(announced.get(jid)));
        assertEquals(Set.of("urn:f:1"), cache.features("a@x/r", lookup));
        assertEquals(Set.of("urn:f:1"), cache.features("a@x/r", lookup)); // same announcement: reused
        announced.put("a@x/r", "https://sift.io#two"); // a stream method started or stopped there
        assertEquals(Set.of("urn:f:2"), cache.features("a@x/r", lookup));
        assertEquals(Set.of("urn:f:2"), cache.features("a@x/r", lookup));
        announced.remove("a@x/r"); // its presence is not known (any more): the entry holds until it expires
        assertEquals(Set.of("urn:f:2"), cache.features("a@x/r", lookup));
        assertEquals(2, lookups.size());
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenFull() throws Exception {
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(60), 2, now::get);
        cache.features("a@x/1", lookup);
        cache.features("a@x/2", lookup);
        cache.features("a@x/1", lookup); // 1 used more recently than 2
        cache.features("a@x/3", lookup); // evicts 2
        cache.features("a@x/1", lookup);
        cache.features("a@x/2", lookup);
        assertEquals(List.of("a@x/1", "a@x/2", "a@x/3", "a@x/2"), lookups);
    }

    @Test
    void clockWrapAroundDoesNotKeepEntriesForever() throws Exception {
        now.set(Long.MAX_VALUE - 10);
        DiscoCache cache = new DiscoCache(Duration.ofSeconds(1), 10, now::get);
        cache.features("a@x/r", lookup);
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // overflows past Long.MAX_VALUE
        cache.features("a@x/r", lookup);
        assertEquals(2, lookups.size());
    }
}
