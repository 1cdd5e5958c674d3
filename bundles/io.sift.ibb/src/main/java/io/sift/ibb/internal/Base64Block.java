package io.sift.ibb.internal;

import java.util.Base64;

/**
 * Decodes the payload of a received block, strictly: XEP-0047 requires rejecting base64 with
 * illegal characters or misplaced padding, while the whitespace XML may add (space, tab, CR, LF) is
 * ignored. The decoded length is known before decoding, so an oversized block is refused without
 * allocating anything for it.
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
     * @param text the element's text; null (content that was not text) is malformed
     */
    static byte[] decode(CharSequence text, int maxLength) throws RejectedException {
        if (text == null) {
            throw new RejectedException(Problem.MALFORMED, "the data element holds more than text");
        }
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
                throw new RejectedException(Problem.MALFORMED, "'=' before the end of the base64 text");
            } else if (!isAlphabet(c)) {
                throw new RejectedException(Problem.MALFORMED,
                        "illegal base64 character " + String.format("U+%04X", (int) c) + " at " + i);
            }
            significant++;
        }
        if (significant % 4 != 0 || padding > 2) {
            throw new RejectedException(Problem.MALFORMED,
                    "base64 text of " + significant + " characters with " + padding + " '=' is not padded correctly");
        }
        long decodedLength = (long) significant / 4 * 3 - padding;
        if (decodedLength > maxLength) {
            throw new RejectedException(Problem.TOO_LONG,
                    "block of " + decodedLength + " bytes exceeds the block size of " + maxLength);
        }
        byte[] ascii = new byte[significant];
        int j = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isXmlWhitespace(c)) {
                ascii[j++] = (byte) c;
            }
        }
        byte[] block = new byte[(int) decodedLength];
        try {
            DECODER.decode(ascii, block);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(Problem.MALFORMED, "not base64: " + e.getMessage());
        }
        return block;
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
