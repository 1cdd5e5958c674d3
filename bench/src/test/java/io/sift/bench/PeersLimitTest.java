package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PeersLimitTest {

    @Test
    void smallFilesMayCrawlAndLargeOnesStillEndByThemselves() {
        // 16 MiB in-band through ejabberd at 0.1 MiB/s: 160 s, beside the start-up allowance
        assertEquals(Duration.ofSeconds(90 + 160), Peers.limitFor(16L << 20));
        // 256 MiB: no more than 600 s for crawling
        assertEquals(Duration.ofSeconds(90 + 600), Peers.limitFor(256L << 20));
        // 1 GiB: 1 MiB/s is the floor
        assertEquals(Duration.ofSeconds(90 + 1024), Peers.limitFor(1L << 30));
        assertEquals(Duration.ofSeconds(90), Peers.limitFor(1000));
    }
}
