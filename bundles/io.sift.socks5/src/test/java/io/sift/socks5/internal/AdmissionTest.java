package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

/** Who makes room for a newcomer. Connections are named "source/number". */
class AdmissionTest {

    /** An admission that let in {@code connections}, in this order, without anyone leaving. */
    private static Admission<String> admission(int total, int perSource, String... connections) {
        return admission(total, perSource, () -> 0, connections);
    }

    private static Admission<String> admission(int total, int perSource, IntSupplier awaited,
            String... connections) {
        Admission<String> a = new Admission<>(total, perSource, awaited, c -> c.substring(0, c.indexOf('/')));
        for (String connection : connections) {
            assertEquals(List.of(), a.admit(connection), connection);
        }
        return a;
    }

    @Test
    void belowTheLimitsNobodyLeavesAndTheOldestComesFirst() {
        Admission<String> a = admission(4, 2, "x/1", "y/1", "x/2");
        assertEquals(3, a.size());
        assertEquals("x/1", a.oldest());
        assertEquals(2, a.count("x"));
    }

    @Test
    void aSourceAtItsLimitLosesItsOwnOldestConnection() {
        Admission<String> a = admission(100, 2, "x/1", "y/1", "x/2");
        assertEquals(List.of("x/1"), a.admit("x/3"));
        assertEquals(List.of("x/2"), a.admit("x/4"));
        assertEquals(2, a.count("x"));
        assertEquals("y/1", a.oldest());
    }

    @Test
    void atTheTotalLimitTheOldestOfTheBusiestSourceLeaves() {
        Admission<String> a = admission(5, 5, "x/1", "y/1", "y/2", "y/3", "x/2");
        // y holds the most: its oldest leaves, although x/1 is older
        assertEquals(List.of("y/1"), a.admit("z/1"));
        assertEquals(5, a.size());
        assertEquals("x/1", a.oldest());
    }

    @Test
    void amongEquallyBusySourcesTheOldestConnectionLeaves() {
        Admission<String> a = admission(4, 4, "y/1", "x/1", "x/2", "y/2");
        assertEquals(List.of("y/1"), a.admit("z/1"));
        assertEquals(List.of("x/1"), a.admit("z/2"));
    }

    @Test
    void eachAwaitedStreamLetsASourceHoldOneMore() {
        AtomicInteger awaited = new AtomicInteger(3);
        Admission<String> a = admission(100, 2, awaited::get, "x/1", "x/2", "x/3", "x/4", "x/5");
        assertEquals(List.of("x/1"), a.admit("x/6"));
        assertEquals(5, a.count("x"));
        // the streams arrived: each newcomer makes the oldest leave; the source gets back to its configured
        // limit only as its connections identify themselves or reach their deadline
        awaited.set(0);
        assertEquals(List.of("x/2"), a.admit("x/7"));
        assertEquals(5, a.count("x"));
    }

    @Test
    void aFloodFromOneSourceNeverPushesOutAnotherSource() {
        Admission<String> a = admission(8, 8, "legit/1");
        for (int i = 0; i < 1000; i++) {
            List<String> leaving = a.admit("flood/" + i);
            assertFalse(leaving.contains("legit/1"), "at " + i);
        }
        assertEquals(1, a.count("legit"));
        assertEquals(7, a.count("flood"));
    }

    @Test
    void aLaterConnectionFromTheFloodingSourceIsAdmitted() {
        Admission<String> a = admission(8, 4);
        for (int i = 0; i < 100; i++) {
            a.admit("x/" + i);
        }
        assertEquals(List.of("x/96"), a.admit("x/receiver"));
        assertEquals(4, a.count("x"));
    }

    @Test
    void removedConnectionsFreeTheirPlaceAndRemovingTwiceIsHarmless() {
        Admission<String> a = admission(2, 2, "x/1", "x/2");
        assertTrue(a.remove("x/1"));
        assertFalse(a.remove("x/1"));
        assertEquals(List.of(), a.admit("y/1"));
        assertEquals(2, a.size());
        assertEquals(List.of("x/2", "y/1"), a.clear());
        assertEquals(0, a.size());
        assertNull(a.oldest());
        assertEquals(0, a.count("x"));
    }

    @Test
    void ipv4AddressesAreSourcesOfTheirOwnAndIpv6CountsPerNetwork() throws Exception {
        assertEquals(Admission.source(InetAddress.getByName("127.0.0.2")),
                Admission.source(InetAddress.getByName("127.0.0.2")));
        assertNotEquals(Admission.source(InetAddress.getByName("127.0.0.2")),
                Admission.source(InetAddress.getByName("127.0.0.3")));
        assertEquals(Admission.source(InetAddress.getByName("2001:db8:1:2::1")),
                Admission.source(InetAddress.getByName("2001:db8:1:2:ffff::9")));
        assertNotEquals(Admission.source(InetAddress.getByName("2001:db8:1:2::1")),
                Admission.source(InetAddress.getByName("2001:db8:1:3::1")));
    }
}
