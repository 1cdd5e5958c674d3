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
        assertEquals(new NegotiationSettings(Duration.ofSeconds(60), 64), v.settings());
    }

    @Test
    void validValuesAreTaken() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(
                config(Map.of("discoCacheSeconds", 0, "maxPendingOffers", 1)));
        assertEquals(List.of(), v.problems());
        assertEquals(new NegotiationSettings(Duration.ZERO, 1), v.settings());
    }

    @Test
    void badValuesAreNamedAndTakeTheirDefaults() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(
                config(Map.of("discoCacheSeconds", -1, "maxPendingOffers", 0)));
        assertEquals(List.of("discoCacheSeconds: -1 is out of range (0-86400)",
                "maxPendingOffers: 0 is out of range (1-10000)"), v.problems());
        assertEquals(new NegotiationSettings(Duration.ofSeconds(60), 64), v.settings());
    }

    @Test
    void hugeAndUnconvertibleValuesAreReportedNotThrown() {
        NegotiationSettings.Validation v = NegotiationSettings.validate(config(Map.of(
                "discoCacheSeconds", Integer.MAX_VALUE, "maxPendingOffers", new NumberFormatException("x"))));
        assertEquals(List.of("discoCacheSeconds: 2147483647 is out of range (0-86400)", "maxPendingOffers: not a number"),
                v.problems());
        assertEquals(64, v.settings().maxPendingOffers());
    }
}
