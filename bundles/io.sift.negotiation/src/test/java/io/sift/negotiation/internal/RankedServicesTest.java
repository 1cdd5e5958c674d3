package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.S5B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RankedServicesTest {

    private final RankedServices<Object> services = new RankedServices<>();

    @Test
    void higherPriorityComesFirst() {
        services.put("ibb", List.of(IBB), 10, 0, 1);
        services.put("s5b", List.of(S5B), 50, 0, 2);
        assertEquals(List.of(S5B, IBB), services.keys());
    }

    @Test
    void tiesGoByRankingThenByOlderService() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        services.put(a, List.of("urn:a"), 5, 0, 7);
        services.put(b, List.of("urn:b"), 5, 3, 9);
        services.put(c, List.of("urn:c"), 5, 0, 4);
        assertEquals(List.of("urn:b", "urn:c", "urn:a"), services.keys());
    }

    @Test
    void findGivesTheMostPreferredServiceOfAKey() {
        Object low = new Object();
        Object high = new Object();
        services.put(low, List.of(IBB), 1, 0, 1);
        services.put(high, List.of(IBB), 9, 0, 2);
        assertSame(high, services.find(IBB).orElseThrow());
        assertEquals(List.of(IBB), services.keys());
        services.remove(high);
        assertSame(low, services.find(IBB).orElseThrow());
    }

    @Test
    void removeTakesAllKeysOfTheServiceAndReportsWhetherItWasThere() {
        Object profile = new Object();
        services.put(profile, List.of("urn:p1", "urn:p2"), 0, 0, 1);
        assertTrue(services.contains("urn:p2"));
        assertTrue(services.remove(profile));
        assertFalse(services.contains("urn:p1"));
        assertEquals(List.of(), services.keys());
        assertFalse(services.remove(profile));
        assertEquals(Optional.empty(), services.find("urn:p1"));
    }

    @Test
    void putAgainReplacesTheOldRegistration() {
        Object method = new Object();
        services.put(method, List.of(S5B), 1, 0, 1);
        services.put("other", List.of(IBB), 5, 0, 2);
        services.put(method, List.of(S5B), 9, 0, 1);
        assertEquals(List.of(S5B, IBB), services.keys());
    }

    @Test
    void servicesAreTellApartByIdentityNotEquality() {
        String a = new String("same");
        String b = new String("same");
        services.put(a, List.of("urn:a"), 0, 0, 1);
        services.put(b, List.of("urn:b"), 0, 0, 2);
        services.remove(a);
        assertEquals(List.of("urn:b"), services.keys());
    }
}
