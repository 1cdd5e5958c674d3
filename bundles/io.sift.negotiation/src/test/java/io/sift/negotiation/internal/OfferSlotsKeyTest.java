package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An offer's slot is found again by equal strings, and only by all three. */
class OfferSlotsKeyTest {

    @Test
    void keysAreEqualWhenPeerInitiatorAndSidAre() {
        OfferSlots.Key key = new OfferSlots.Key("alice@example.org", "alice@example.org/pc", "s1");
        OfferSlots.Key copy = new OfferSlots.Key(new String("alice@example.org"), "alice@example.org/" + "pc",
                new String("s1"));
        assertEquals(key, copy);
        assertEquals(key.hashCode(), copy.hashCode());
        for (OfferSlots.Key other : List.of(new OfferSlots.Key("bob@example.org", "alice@example.org/pc", "s1"),
                new OfferSlots.Key("alice@example.org", "alice@example.org/phone", "s1"),
                new OfferSlots.Key("alice@example.org", "alice@example.org/pc", "s2"))) {
            assertNotEquals(key, other);
            assertNotEquals(other, key);
        }
        assertNotEquals(key, null);
    }
}
