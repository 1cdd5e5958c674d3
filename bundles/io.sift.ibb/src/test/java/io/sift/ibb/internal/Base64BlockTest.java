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

    @Test
    void aFullBlockWrappedInWhitespaceDecodes() throws Exception {
        byte[] block = new byte[65535];
        new Random(65535).nextBytes(block);
        String wrapped = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(block) + "\n";
        assertArrayEquals(block, Base64Block.decode(wrapped, 65535));
    }

    @Test
    void aHugeTextIsRefusedForWhatItIsAndAFittingBlockInMuchWhitespaceStillDecodes() throws Exception {
        Base64Block.RejectedException tooLong = assertThrows(Base64Block.RejectedException.class,
                () -> Base64Block.decode("AAAA".repeat(1 << 20), 65535));
        assertEquals("block of 3145728 bytes exceeds the block size of 65535", tooLong.getMessage());
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAAA".repeat(1 << 20) + "A!==", 65535));
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAAA".repeat(1 << 20) + "A", 65535));
        // a small block and a megabyte of spaces: long, but it fits
        assertArrayEquals(new byte[] {'M'}, Base64Block.decode("TQ==" + " ".repeat(1 << 20), 1));
        assertArrayEquals(new byte[] {'M', 'a'}, Base64Block.decode(" ".repeat(1 << 20) + "TWE=", 2));
    }

    @Test
    void aNonAsciiCharacterIsNeverReadAsTheLetterItsLowByteSpells() {
        // U+0141 has the low byte 0x41, 'A'; without and with whitespace around it
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAA\u0141", 1000));
        assertEquals(Base64Block.Problem.MALFORMED, problem("AA A\u0141", 1000));
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAA\u00c1", 1000));
    }

    @Test
    void theMessageNamesTheFirstIllegalCharacterAndWhere() {
        Base64Block.RejectedException e = assertThrows(Base64Block.RejectedException.class,
                () -> Base64Block.decode("QUJD QU!D", 1000));
        assertEquals("illegal base64 character U+0021 at 7", e.getMessage());
    }

    /**
     * Texts near base64 (the alphabet, '=', XML whitespace, and characters that are neither) are judged
     * as the rule says, character by character: whitespace ignored, only alphabet characters and then
     * at most two '=', a multiple of four in all; malformed before too long.
     */
    @Test
    void judgesEveryTextAsTheCharacterByCharacterRuleDoes() throws Exception {
        Random random = new Random(2047);
        String pieces = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/==== \t\r\n!-_.\u00e9\u0141\u0000";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int j = 0; j < length; j++) {
                // mostly alphabet, so that many texts are valid and many fail late
                text.append(random.nextInt(4) > 0 ? pieces.charAt(random.nextInt(64))
                        : pieces.charAt(random.nextInt(pieces.length())));
            }
            int max = random.nextInt(10);
            Object expected = byTheRule(text.toString(), max);
            Object actual;
            try {
                actual = Base64Block.decode(text.toString(), max);
            } catch (Base64Block.RejectedException e) {
                actual = e.problem();
            }
            if (expected instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) actual, () -> "'" + text + "'");
            } else {
                assertEquals(expected, actual, () -> "'" + text + "' with at most " + max + " bytes");
            }
        }
    }

    /** The decoded bytes or the problem, by the plain rule. */
    private static Object byTheRule(String text, int max) {
        StringBuilder significant = new StringBuilder();
        int padding = 0;
        for (char c : text.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            boolean alphabet = c < 128 && "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(c) >= 0;
            if (c == '=') {
                padding++;
            } else if (padding > 0 || !alphabet) {
                return Base64Block.Problem.MALFORMED;
            }
            significant.append(c);
        }
        if (significant.length() % 4 != 0 || padding > 2) {
            return Base64Block.Problem.MALFORMED;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(significant.toString());
        } catch (IllegalArgumentException e) {
            return Base64Block.Problem.MALFORMED; // '=' after one character of a quantum
        }
        return bytes.length > max ? Base64Block.Problem.TOO_LONG : bytes;
    }
}
