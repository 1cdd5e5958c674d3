package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Streamhosts found twice (a configured proxy that discovery finds too) are one. */
class StreamhostTest {

    @Test
    void streamhostsAreEqualWhenJidHostAndPortAre() {
        Streamhost proxy = new Streamhost("proxy.example.org", "127.0.0.1", 7777);
        Streamhost copy = new Streamhost(new String("proxy.example.org"), new String("127.0.0.1"), 7777);
        assertEquals(proxy, copy);
        assertEquals(proxy.hashCode(), copy.hashCode());
        for (Streamhost other : List.of(new Streamhost("proxy2.example.org", "127.0.0.1", 7777),
                new Streamhost("proxy.example.org", "127.0.0.2", 7777),
                new Streamhost("proxy.example.org", "127.0.0.1", 7778))) {
            assertNotEquals(proxy, other);
            assertNotEquals(other, proxy);
        }
        assertNotEquals(proxy, null);
    }

    @Test
    void mergedFindingsHoldEachStreamhostOnce() {
        Streamhost proxy = new Streamhost("proxy.example.org", "127.0.0.1", 7777);
        Streamhost other = new Streamhost("proxy2.example.org", "127.0.0.1", 7777);
        ProxyDirectory.Found merged = ProxyDirectory.Found.merge(List.of(
                new ProxyDirectory.Found(List.of(proxy, other), true),
                new ProxyDirectory.Found(List.of(new Streamhost("proxy.example.org", "127.0.0.1", 7777)), false)));
        assertEquals(List.of(proxy, other), merged.streamhosts());
        assertFalse(merged.complete());
    }
}
