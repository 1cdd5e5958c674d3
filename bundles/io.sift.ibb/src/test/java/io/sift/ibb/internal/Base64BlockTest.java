package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64BlockTest {

    private static Base64Block.Problem problem(String text, int max) {
        return assertThrows(Base64Block.RejectedException.class, () -> Base64Block.decode(text, max)).problem();
    }

    @Test
    void decodesPaddedBase64() throws Exception {
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE}, Base64Block.decode("AAEC//4=", 5));
        assertArrayEquals(new byte[] {'M'}, Base64Block.decode("TQ==", 1));
        assertArrayEquals(new byte[0], Base64Block.decode("", 0));
    }

    @Test
    void ignoresXmlWhitespaceAnywhere() throws Exception {
        assertArrayEquals("Man is".getBytes(), Base64Block.decode(" TW\tFu\r\nIGl\nz ", 10));
        assertArrayEquals(new byte[] {'M'}, Base64Block.decode("TQ= =\n", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TW!u", "TW-u", "TW_u", "TWFu\u00e9AAA", "TWFu\u0000AAA", "TW=u", "=TWF",
        "TQ=A", "TQ===", "T===", "====", "TWF", "TQ=", "T", "AAAAA", "<a/>", "TWFu\u000bAAA", "\uD83D\uDE00AAA"})
    void rejectsMalformedBase64(String text) {
        assertEquals(Base64Block.Problem.MALFORMED, problem(text, 1000));
    }

    @Test
    void rejectsContentThatIsNotText() {
        assertEquals(Base64Block.Problem.MALFORMED, problem(null, 1000));
    }

    @Test
    void refusesMoreBytesThanTheBlockSizeBeforeDecoding() throws Exception {
        assertArrayEquals(new byte[4], Base64Block.decode("AAAAAA==", 4));
        assertEquals(Base64Block.Problem.TOO_LONG, problem("AAAAAAA=", 4));
        assertEquals(Base64Block.Problem.TOO_LONG, problem("AAAA".repeat(1 << 20), 65535));
    }

    @Test
    void malformedWinsOverTooLongSoTheWorstIsReported() {
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAAA".repeat(100) + "!", 4));
    }

    @Test
    void encodesFromTheBufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("xxMan isyy".getBytes());
        buffer.position(2).limit(8);
        Base64Text text = Base64Text.encode(buffer);
        assertEquals("TWFuIGlz", text.toString());
        assertEquals(2, buffer.position());
        assertEquals('W', text.charAt(1));
        assertEquals("Fu", text.subSequence(2, 4).toString());
        assertEquals(8, text.length());
        assertThrows(IndexOutOfBoundsException.class, () -> text.charAt(8));
    }

    @Test
    void encodesDirectBuffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
        assertEquals("AQID", Base64Text.encode(direct).toString());
    }

    @Test
    void roundTripsEverySmallLength() throws Exception {
        Random random = new Random(47);
        for (int n = 0; n <= 70; n++) {
            byte[] block = new byte[n];
            random.nextBytes(block);
            String text = Base64Text.encode(ByteBuffer.wrap(block)).toString();
            assertEquals(Base64.getEncoder().encodeToString(block), text);
            assertArrayEquals(block, Base64Block.decode(text, n));
        }
    }
}
