package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.sift.spi.StreamSession;

class DstAddrTest {

    @Test
    void hashMatchesAVectorComputedWithSha1sum() {
        // printf %s "sid" "a@b/c" "d@e/f" | sha1sum
        assertEquals("da54af79881c0276006e530ddfdc838132fe3a5b", DstAddr.of("sid", "a@b/c", "d@e/f"));
        // the example of XEP-0065 section 6.3.2 (JIDs as in its offer)
        assertEquals("1f8ca214ebb49a2e4791d862a86c0a1a7617d0d3",
                DstAddr.of("i781hf64", "requester@example.com/foo", "target@example.org/bar"));
    }

    @Test
    void sessionGivesSidInitiatorTargetInThatOrder() {
        assertEquals(DstAddr.of("sid", "a@b/c", "d@e/f"), DstAddr.of(new StreamSession("a@b", "sid", "a@b/c", "d@e/f")));
        assertNotEquals(DstAddr.of("sid", "a@b/c", "d@e/f"), DstAddr.of("sid", "d@e/f", "a@b/c"));
    }

    @Test
    void jidsAreHashedExactlyAsWritten() {
        assertNotEquals(DstAddr.of("sid", "A@b/c", "d@e/f"), DstAddr.of("sid", "a@b/c", "d@e/f"));
    }

    @Test
    void nonAsciiIsHashedAsUtf8() {
        // printf %s "s" "ä@b/c" "d@e/f" | sha1sum (UTF-8 terminal)
        assertEquals("4143847a4cb24a2ce9f9eefa9ee974f0682aceaf", DstAddr.of("s", "\u00e4@b/c", "d@e/f"));
    }

    @Test
    void wellFormedIsFortyLowercaseHexDigits() {
        assertTrue(DstAddr.isWellFormed("da54af79881c0276006e530ddfdc838132fe3a5b".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DstAddr.isWellFormed("DA54AF79881C0276006E530DDFDC838132FE3A5B".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DstAddr.isWellFormed("da54af79881c0276006e530ddfdc838132fe3a5".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DstAddr.isWellFormed("ga54af79881c0276006e530ddfdc838132fe3a5b".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DstAddr.isWellFormed("da54af79881c0276006e530ddfdc838132fe3a5\0".getBytes(StandardCharsets.US_ASCII)));
    }
}
