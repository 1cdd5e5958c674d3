package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.spi.StreamSession;

class DstAddrTest {

    private static final String HASH = Bytes.HASH;

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
    void parsedAddressIsFortyHexDigitsInLowercase() {
        assertEquals(Optional.of(HASH), parse(HASH));
        assertEquals(Optional.of(HASH), parse(HASH.toUpperCase()));
        assertEquals(Optional.empty(), parse(HASH.substring(1)));
        assertEquals(Optional.empty(), parse(HASH + "0"));
        assertEquals(Optional.empty(), parse("g" + HASH.substring(1)));
        assertEquals(Optional.empty(), parse(HASH.substring(1) + "\0"));
        assertEquals(Optional.empty(), parse(HASH.substring(1) + "\u00ff"));
    }

    @Test
    void parseReadsOnlyItsSlice() {
        byte[] raw = ("xx" + HASH + "yy").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.of(HASH), DstAddr.parse(raw, 2, 40));
    }

    private static Optional<String> parse(String text) {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        return DstAddr.parse(raw, 0, raw.length);
    }
}
