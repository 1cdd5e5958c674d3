package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The lines smack-peer's blocks-send and blocks-receive end with, as the bench reads them. */
class SmackBlocksTest {

    private static final String SHA = "9faf02a3eb9a4a862544827b6a8e9ef9b59350f9c33434f8576934dd7eeccf75";

    @Test
    void aCompleteStreamGivesItsBytesTimeAndHash() {
        Map<String, String> fields = SmackBlocks.complete("BLOCKS status=complete bytes=67108864 millis=3767 sha256="
                + SHA).orElseThrow();
        assertEquals("67108864", fields.get("bytes"));
        assertEquals("3767", fields.get("millis"));
        assertEquals(SHA, fields.get("sha256"));
    }

    @Test
    void anyOtherLineIsNoCompleteStream() {
        assertTrue(SmackBlocks.complete("BLOCKS status=failed bytes=65535 millis=12 sha256=- error=block_1_came_where_0_was_next")
                .isEmpty());
        assertTrue(SmackBlocks.complete("BLOCKS status=timeout bytes=0 millis=120000 sha256=- error=x").isEmpty());
        assertTrue(SmackBlocks.complete("BLOCKS status=complete bytes=12x millis=3 sha256=" + SHA).isEmpty());
        assertTrue(SmackBlocks.complete("BLOCKS status=complete bytes=12 sha256=" + SHA).isEmpty(), "no time");
        assertTrue(SmackBlocks.complete("BLOCKS status=complete bytes=12 millis=3 sha256=-").isEmpty());
        assertTrue(SmackBlocks.complete("READY bob@localhost/blocks").isEmpty());
    }
}
