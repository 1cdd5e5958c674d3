package io.sift.ibb.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes the payload of a received block, strictly: XEP-0047 requires rejecting base64 with
 * illegal characters or misplaced padding, while the whitespace XML may add (space, tab, CR, LF) is
 * ignored. The decoded length is known before decoding, so an oversized block is refused before
 * its bytes are allocated.
 */
final class Base64Block {

    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Why a payload was refused. */
    enum Problem {
        /** Not base64: an illegal character, '=' in the wrong place, or a length that is not a multiple of 4. */
        MALFORMED,
        /** More bytes than the negotiated block size. */
        TOO_LONG
    }

    /** A payload that cannot become a block. */
    static final class RejectedException extends Exception {

        private static final long serialVersionUID = 1L;

        private final Problem problem;

        RejectedException(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private Base64Block() {
    }

    /**
     * The bytes of {@code text}, at most {@code maxLength} of them.
     *
     * <p>A block is 87 KB of text and a fast stream brings thousands a second, so the text is checked
     * by the JDK's decoder itself rather than character by character beforehand (a test of each
     * character against the alphabet mispredicts on random data and cost the receiver more CPU than
     * all the rest of a transfer). Only a text the decoder refuses, or one too long, is scanned to say
     * exactly what is wrong with it.
     *
     * @param text the element's text; null (content that was not text) is malformed
     */
    static byte[] decode(CharSequence text, int maxLength) throws RejectedException {
        if (text == null) {
            throw new RejectedException(Problem.MALFORMED, "the data element holds more than text");
        }
        String string = text.toString();
        if (string.length() > 2 * ((maxLength + 2L) / 3 * 4) + 64) {
            // far longer than any block of the negotiated size, even wrapped in whitespace: judged
            // without copying it, so that a hostile peer's huge element costs no second copy
            RejectedException refused = refusalOfLongText(string, maxLength);
            if (refused != null) {
                throw refused;
            }
        }
        byte[] ascii = hasXmlWhitespace(string) ? withoutXmlWhitespace(string)
                : string.getBytes(StandardCharsets.ISO_8859_1); // a character beyond it becomes '?': refused below
        int length = ascii.length;
        int padding = length > 0 && ascii[length - 1] == '=' ? (length > 1 && ascii[length - 2] == '=' ? 2 : 1) : 0;
        if (length % 4 != 0) {
            throw malformation(string);
        }
        long decodedLength = (long) length / 4 * 3 - padding;
        if (decodedLength > maxLength) {
            RejectedException malformed = findMalformation(string);
            // the worse of the two is reported: a text that is not even base64
            throw malformed != null ? malformed : new RejectedException(Problem.TOO_LONG,
                    "block of " + decodedLength + " bytes exceeds the block size of " + maxLength);
        }
        byte[] block = new byte[(int) decodedLength];
        int decoded;
        try {
            decoded = DECODER.decode(ascii, block);
        } catch (IllegalArgumentException e) {
            throw malformation(string);
        }
        if (decoded != decodedLength) {
            throw malformation(string);
        }
        return block;
    }

    /** Why a long text is refused (malformed first), or null when it holds a block that fits after all. */
    private static RejectedException refusalOfLongText(String text, int maxLength) {
        RejectedException malformed = findMalformation(text);
        if (malformed != null) {
            return malformed;
        }
        long significant = 0;
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isXmlWhitespace(c)) {
                significant++;
                padding = c == '=' ? padding + 1 : 0;
            }
        }
        long decodedLength = significant / 4 * 3 - padding;
        return decodedLength <= maxLength ? null : new RejectedException(Problem.TOO_LONG,
                "block of " + decodedLength + " bytes exceeds the block size of " + maxLength);
    }

    /** Why the text is not strict base64; one text the decoder refused always has a reason. */
    private static RejectedException malformation(String text) {
        RejectedException found = findMalformation(text);
        return found != null ? found : new RejectedException(Problem.MALFORMED, "not base64");
    }

    /** What makes the text not strict base64 (ignoring XML whitespace), or null when nothing does. */
    private static RejectedException findMalformation(String text) {
        int significant = 0;
        int padding = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isXmlWhitespace(c)) {
                continue;
            }
            if (c == '=') {
                padding++;
            } else if (padding > 0) {
                return new RejectedException(Problem.MALFORMED, "'=' before the end of the base64 text");
            } else if (!isAlphabet(c)) {
                return new RejectedException(Problem.MALFORMED,
                        "illegal base64 character " + String.format("U+%04X", (int) c) + " at " + i);
            }
            significant++;
        }
        if (significant % 4 != 0 || padding > 2) {
            return new RejectedException(Problem.MALFORMED,
                    "base64 text of " + significant + " characters with " + padding + " '=' is not padded correctly");
        }
        return null;
    }

    private static boolean hasXmlWhitespace(String text) {
        // four vectorised scans are far cheaper than one loop testing each character four ways
        return text.indexOf('\n') >= 0 || text.indexOf(' ') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0;
    }

    /** The text without XML whitespace, as bytes; a character beyond ASCII becomes one the decoder refuses. */
    private static byte[] withoutXmlWhitespace(String text) {
        byte[] ascii = new byte[text.length()];
        int j = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isXmlWhitespace(c)) {
                ascii[j++] = c < 0x80 ? (byte) c : (byte) '?';
            }
        }
        return Arrays.copyOf(ascii, j);
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
