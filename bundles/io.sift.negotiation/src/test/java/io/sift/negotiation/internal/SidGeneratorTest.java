package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SidGeneratorTest {

    private static final Pattern URL_SAFE_BASE64_128_BITS = Pattern.compile("[A-Za-z0-9_-]{22}");

    @Test
    void idsAreShortXmlSafeAndUnique() {
        SidGenerator sids = new SidGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String sid = sids.next();
            assertTrue(URL_SAFE_BASE64_128_BITS.matcher(sid).matches(), sid);
            assertTrue(XmlText.isCleanName(sid), sid);
            seen.add(sid);
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUp() {
        // a generator stuck on part of the alphabet (e.g. hex, or a bad encoder) would fail here
        SidGenerator sids = new SidGenerator();
        Set<Integer> chars = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            sids.next().chars().forEach(chars::add);
        }
        assertEquals(64, chars.size());
    }
}
