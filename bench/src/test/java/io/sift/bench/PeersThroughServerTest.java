package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A direct run whose server worked as if it had carried the bytes gets a line that says so. */
class PeersThroughServerTest {

    private static final long GIB = 1L << 30;

    @Test
    void logInsAndOffersAloneGetNoLine() {
        // a direct 1 GiB run: the server answered the logins and the offer
        assertEquals(Optional.empty(), Peers.throughServer("SIFT", 0.07, GIB));
        // a cold 1 MiB run: little CPU, if much per GiB
        assertEquals(Optional.empty(), Peers.throughServer("SIFT", 0.05, 1L << 20));
    }

    @Test
    void aServerThatRelayedGetsALineWithItsCpu() {
        // 32 x 32 MiB, half of it through Prosody's proxy at about 10 s per GiB
        Optional<String> line = Peers.throughServer("SIFT", 5.2, GIB);
        assertTrue(line.isPresent());
        assertTrue(line.get().startsWith("    SIFT: the server took 5.2 s of CPU (5.2 s/GiB)"), line.get());
        assertTrue(line.get().contains("proxy"), line.get());
    }

    @Test
    void aBusyServerOverALongRunIsNotTakenForARelay() {
        // 0.9 s over 4 GiB: the logins of a long run, not a relay
        assertEquals(Optional.empty(), Peers.throughServer("SIFT", 0.9, 4 * GIB));
    }
}
