package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class InBandBlocksTest {

    @Test
    void fullBlocksTakeTurnsAndTheLastIsShort() {
        InBandBlocks blocks = new InBandBlocks(20 * 4096 + 100, 4096);
        assertEquals(21, blocks.count());
        assertEquals(4096, Base64.getDecoder().decode(blocks.base64(0)).length);
        assertEquals(100, Base64.getDecoder().decode(blocks.base64(20)).length);
        assertArrayEquals(blocks.base64(3), blocks.base64(11), "eight blocks take turns");
        assertFalse(Arrays.equals(blocks.base64(3), blocks.base64(4)), "neighbours differ");
        assertEquals(blocks.base64(0).length, blocks.maxBase64Length());
    }

    @Test
    void bytesOfTheFirstBlocks() {
        InBandBlocks blocks = new InBandBlocks(65535 * 3, 65535);
        assertEquals(3, blocks.count());
        assertEquals(65535 * 2, blocks.bytes(2));
        assertEquals(65535 * 3, blocks.bytes(3));
        assertEquals(87380, blocks.maxBase64Length());
        assertEquals(0, new InBandBlocks(0, 4096).count());
    }
}
