package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NegotiationSettingsTest {

    /** A configuration as DS builds it: a value when given, the default otherwise, DS's exception when unconvertible. */
    static NegotiationConfig config(Map<String, Object> values) {
        return (NegotiationConfig) Proxy.newProxyInstance(NegotiationConfig.class.getClassLoader(),
                new Class<?>[] {NegotiationConfig.class}, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        return method.getDefaultValue();
                    }
                    Object value = values.get(method.getName());
                    if (value instanceof RuntimeException e) {
                        throw e;
                    }
                    return value;
                });
    }

    @Test
    void defaults() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(config(Map.of()));
        assertEquals(List.of(), v.problems());
        assertEquals(new NegotiationSettings(Duration.ofSeconds(60), 64, 32), v.settings());
    }

    @Test
    void validValuesAreTaken() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(
                config(Map.of("discoCacheSeconds", 0, "maxPendingOffers", 1, "maxPendingOffersPerPeer", 1)));
        assertEquals(List.of(), v.problems());
        assertEquals(new NegotiationSettings(Duration.ZERO, 1, 1), v.settings());
    }

    @Test
    void badValuesAreNamedAndTakeTheirDefaults() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(
                config(Map.of("discoCacheSeconds", -1, "maxPendingOffers", 0, "maxPendingOffersPerPeer", 10_001)));
        assertEquals(List.of("discoCacheSeconds: -1 is out of range (0-86400)",
                "maxPendingOffers: 0 is out of range (1-10000)",
                "maxPendingOffersPerPeer: 10001 is out of range (1-10000)"), v.problems());
        assertEquals(new NegotiationSettings(Duration.ofSeconds(60), 64, 32), v.settings());
    }

    @Test
    void aPerPeerCapAboveTheAccountsCapIsReportedAndLowered() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(
                config(Map.of("maxPendingOffers", 10, "maxPendingOffersPerPeer", 11)));
        assertEquals(List.of("maxPendingOffersPerPeer: 11 is more than maxPendingOffers (10); using 10"),
                v.problems());
        assertEquals(new NegotiationSettings(Duration.ofSeconds(60), 10, 10), v.settings());
        // the default per-peer cap is checked against a lowered account cap too
        assertEquals(List.of("maxPendingOffersPerPeer: 32 is more than maxPendingOffers (8); using 8"),
                NegotiationSettings.validate(config(Map.of("maxPendingOffers", 8))).problems());
        assertEquals(List.of(), NegotiationSettings.validate(
                config(Map.of("maxPendingOffers", 8, "maxPendingOffersPerPeer", 8))).problems());
    }

    @Test
    void hugeAndUnconvertibleValuesAreReportedNotThrown() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(config(Map.of(
                "discoCacheSeconds", Integer.MAX_VALUE, "maxPendingOffers", new NumberFormatException("x"),
                "maxPendingOffersPerPeer", new NumberFormatException("y"))));
        assertEquals(List.of("discoCacheSeconds: 2147483647 is out of range (0-86400)", "maxPendingOffers: not a number",
                "maxPendingOffersPerPeer: not a number"), v.problems());
        assertEquals(64, v.settings().maxPendingOffers());
        assertEquals(32, v.settings().maxPendingOffersPerPeer());
    }
}
