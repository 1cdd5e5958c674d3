package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentPeersTest {

    private final AtomicLong clock = new AtomicLong(-5_000); // nanoTime may be negative

    @Test
    void anEntryIsKeptUntilItExpires() {
        RecentPeers<String> peers = new RecentPeers<>(4, Duration.ofNanos(1000), clock::get);
        peers.put("a@x/1", "smack");
        clock.addAndGet(999);
        assertEquals(Optional.of("smack"), peers.get("a@x/1"));
        clock.addAndGet(1);
        assertEquals(Optional.empty(), peers.get("a@x/1"));
        assertEquals(0, peers.size(), "an expired entry is dropped");
    }

    @Test
    void aNewValueStartsItsTimeAgain() {
        RecentPeers<String> peers = new RecentPeers<>(4, Duration.ofNanos(1000), clock::get);
        peers.put("a@x/1", "old");
        clock.addAndGet(900);
        peers.put("a@x/1", "new");
        clock.addAndGet(900);
        assertEquals(Optional.of("new"), peers.get("a@x/1"));
    }

    @Test
    void whenFullThePeerUsedLeastRecentlyGoes() {
        RecentPeers<Integer> peers = new RecentPeers<>(3, Duration.ofMinutes(1), clock::get);
        peers.put("a", 1);
        peers.put("b", 2);
        peers.put("c", 3);
        peers.get("a");
        peers.put("d", 4);
        assertEquals(3, peers.size());
        assertEquals(Optional.empty(), peers.get("b"));
        assertEquals(Optional.of(1), peers.get("a"));
        assertEquals(Optional.of(3), peers.get("c"));
        assertEquals(Optional.of(4), peers.get("d"));
    }
}
