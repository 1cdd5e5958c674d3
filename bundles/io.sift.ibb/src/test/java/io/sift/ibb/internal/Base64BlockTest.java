package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64BlockTest {

    private static Base64Block.Problem problem(String text, int max) {
        return assertThrows(Base64Block.RejectedException.class, () -> DecodedBlock.of(text, max)).problem();
    }

    @Test
    void decodesPaddedBase64() throws Exception {
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE}, DecodedBlock.of("AAEC//4=", 5));
        assertArrayEquals(new byte[] {'M'}, DecodedBlock.of("TQ==", 1));
        assertArrayEquals(new byte[0], DecodedBlock.of("", 0));
    }

    @Test
    void ignoresXmlWhitespaceAnywhere() throws Exception {
        assertArrayEquals("Man is".getBytes(), DecodedBlock.of(" TW\tFu\r\nIGl\nz ", 10));
        assertArrayEquals(new byte[] {'M'}, DecodedBlock.of("TQ= =\n", 1));
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
        assertArrayEquals(new byte[4], DecodedBlock.of("AAAAAA==", 4));
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
        Base64Text text = new BlockEncoder().encode(buffer);
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
        assertEquals("AQID", new BlockEncoder().encode(direct).toString());
    }

    @Test
    void roundTripsEverySmallLength() throws Exception {
        Random random = new Random(47);
        for (int n = 0; n <= 70; n++) {
            byte[] block = new byte[n];
            random.nextBytes(block);
            String text = new BlockEncoder().encode(ByteBuffer.wrap(block)).toString();
            assertEquals(Base64.getEncoder().encodeToString(block), text);
            assertArrayEquals(block, DecodedBlock.of(text, n));
        }
    }

    /**
     * One encoder and one decoder serve a whole stream, keeping their arrays from block to block:
     * blocks of changing sizes, from whole arrays, slices and direct buffers, come out as the JDK's
     * codec has them, and a bad text between good ones leaves nothing behind for the next.
     */
    @Test
    void oneEncoderAndOneDecoderServeBlocksOfChangingSizes() throws Exception {
        BlockEncoder encoder = new BlockEncoder();
        Base64Block decoder = new Base64Block();
        char[] text = new char[Base64Text.encodedLength(65535)];
        byte[] into = new byte[65535];
        Random random = new Random(4096);
        int[] sizes = {65535, 65535, 4096, 1, 16384, 65535, 0, 2, 65534, 65535};
        for (int i = 0; i < sizes.length; i++) {
            byte[] block = new byte[sizes[i] + 5];
            random.nextBytes(block);
            ByteBuffer source = switch (i % 3) {
                case 0 -> ByteBuffer.wrap(block, 0, sizes[i]).slice();
                case 1 -> ByteBuffer.wrap(block, 5, sizes[i]);
                default -> ByteBuffer.allocateDirect(sizes[i]).put(block, 0, sizes[i]).flip();
            };
            byte[] expected = new byte[sizes[i]];
            source.duplicate().get(expected);
            Base64Text encoded = encoder.encode(source, text);
            assertEquals(Base64.getEncoder().encodeToString(expected), encoded.toString(), "block " + i);
            assertEquals(sizes[i], decoder.decode(encoded, into), "block " + i);
            assertArrayEquals(expected, java.util.Arrays.copyOf(into, sizes[i]), "block " + i);
            assertThrows(Base64Block.RejectedException.class, () -> decoder.decode("AAA\u0141", into));
        }
        assertArrayEquals(Base64.getEncoder().encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
                encoder.encode(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).toString().getBytes());
    }

    @Test
    void anArrayTooSmallForTheTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BlockEncoder().encode(ByteBuffer.allocate(4), new char[7]));
    }

    /**
     * The stanza hands its text to the connection's writer as a buffer over the text's array, which
     * the JDK's writer encodes straight from that array: the bytes are those of the stanza's XML, and
     * a second write of the same stanza (a resent one) is whole too.
     */
    @Test
    void aBlockWrittenTwiceThroughTheJdkWriterIsWholeEachTime() throws Exception {
        byte[] block = new byte[1000];
        new Random(1000).nextBytes(block);
        IbbDataIq iq = IbbDataIq.request(DataElement.outgoing("s", 3, new BlockEncoder().encode(ByteBuffer.wrap(block))));
        String xml = iq.toXML().toString();
        assertTrue(xml.contains(Base64.getEncoder().encodeToString(block)), xml);
        for (int time = 0; time < 2; time++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            ((org.jivesoftware.smack.util.XmlStringBuilder) iq.toXML(org.jivesoftware.smack.packet.XmlEnvironment.EMPTY))
                    .write(writer, org.jivesoftware.smack.packet.XmlEnvironment.EMPTY);
            writer.flush();
            assertEquals(xml, out.toString(java.nio.charset.StandardCharsets.UTF_8), "write " + time);
        }
    }

    @Test
    void aFullBlockWrappedInWhitespaceDecodes() throws Exception {
        byte[] block = new byte[65535];
        new Random(65535).nextBytes(block);
        String wrapped = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(block) + "\n";
        assertArrayEquals(block, DecodedBlock.of(wrapped, 65535));
    }

    @Test
    void aHugeTextIsRefusedForWhatItIsAndAFittingBlockInMuchWhitespaceStillDecodes() throws Exception {
        Base64Block.RejectedException tooLong = assertThrows(Base64Block.RejectedException.class,
                () -> DecodedBlock.of("AAAA".repeat(1 << 20), 65535));
        assertEquals("block of 3145728 bytes exceeds the block size of 65535", tooLong.getMessage());
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAAA".repeat(1 << 20) + "A!==", 65535));
        assertEquals(Base64Block.Problem.MALFORMED, problem("AAAA".repeat(1 << 20) + "A", 65535));
        // a small block and a megabyte of spaces: long, but it fits
        assertArrayEquals(new byte[] {'M'}, DecodedBlock.of("TQ==" + " ".repeat(1 << 20), 1));
        assertArrayEquals(new byte[] {'M', 'a'}, DecodedBlock.of(" ".repeat(1 << 20) + "TWE=", 2));
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
                () -> DecodedBlock.of("QUJD QU!D", 1000));
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
                actual = DecodedBlock.of(text.toString(), max);
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
