package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServicePropertiesTest {

    @Test
    void integersInTheShapesPublishersUse() {
        assertEquals(40, ServiceProperties.integer(Map.of("p", 40), "p", 0));
        assertEquals(40, ServiceProperties.integer(Map.of("p", 40L), "p", 0));
        assertEquals(40, ServiceProperties.integer(Map.of("p", " 40 "), "p", 0));
        assertEquals(Integer.MAX_VALUE, ServiceProperties.integer(Map.of("p", Long.MAX_VALUE), "p", 0));
        assertEquals(Integer.MIN_VALUE, ServiceProperties.integer(Map.of("p", Long.MIN_VALUE), "p", 0));
        assertEquals(7, ServiceProperties.integer(Map.of("p", "99999999999999"), "p", 7));
        assertEquals(7, ServiceProperties.integer(Map.of("p", "high"), "p", 7));
        assertEquals(7, ServiceProperties.integer(Map.of(), "p", 7));
    }

    @Test
    void stringsFromOneOrMany() {
        assertEquals(List.of("urn:a"), ServiceProperties.strings(Map.of("k", " urn:a "), "k"));
        assertEquals(List.of("urn:a", "urn:b"), ServiceProperties.strings(Map.of("k", new String[] {"urn:a", " ", "urn:b"}), "k"));
        assertEquals(List.of("urn:a"), ServiceProperties.strings(Map.of("k", List.of("urn:a", 5)), "k"));
        assertEquals(List.of(), ServiceProperties.strings(Map.of("k", 5), "k"));
        assertEquals(List.of(), ServiceProperties.strings(Map.of(), "k"));
    }

    @Test
    void serviceIdWithoutOneSortsLast() {
        assertEquals(12L, ServiceProperties.serviceId(Map.of("service.id", 12L)));
        assertEquals(Long.MAX_VALUE, ServiceProperties.serviceId(Map.of()));
    }
}
