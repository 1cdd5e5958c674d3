package io.sift.ibb.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes the payloads of one stream's received blocks, strictly, for one thread at a time: XEP-0047
 * requires rejecting base64 with illegal characters or misplaced padding, while the whitespace XML
 * may add (space, tab, CR, LF) is ignored. The decoded length is known before decoding, so an
 * oversized block is refused before any of it is decoded.
 */
final class Base64Block {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();

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

    private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    /** The text's characters, then its bytes: the JDK's decoder takes a whole array of exactly the text. */
    private char[] chars = new char[0];
    private byte[] ascii = new byte[0];

    /**
     * Decodes {@code text} into {@code into} from its start: at most {@code into.length} bytes.
     *
     * <p>A block is 87 KB of text and a fast stream brings thousands a second, so the text is checked
     * by the JDK's decoder itself rather than character by character beforehand (a test of each
     * character against the alphabet mispredicts on random data and cost the receiver more CPU than
     * all the rest of a transfer). On its way there it passes the JDK's ISO-8859-1 encoder, which
     * stops at a character beyond that set (one whose low byte might read as a letter). All three
     * steps run as vector code, and the arrays between them are kept from block to block: a fresh
     * array per block cost more than the decoding. Only a text that fails, or one too long, is scanned
     * to say exactly what is wrong with it.
     *
     * @param text the element's text; null (content that was not text) is malformed
     * @return how many bytes the block holds
     */
    int decode(CharSequence text, byte[] into) throws RejectedException {
        if (text == null) {
            throw new RejectedException(Problem.MALFORMED, "the data element holds more than text");
        }
        int maxLength = into.length;
        String string = text.toString();
        if (string.length() > 2 * ((maxLength + 2L) / 3 * 4) + 64) {
            // far longer than any block of the negotiated size, even wrapped in whitespace: judged
            // without copying it, so that a hostile peer's huge element costs no second copy
            RejectedException refused = refusalOfLongText(string, maxLength);
            if (refused != null) {
                throw refused;
            }
        }
        String base64 = hasXmlWhitespace(string) ? withoutXmlWhitespace(string) : string;
        int length = base64.length();
        if (length % 4 != 0) {
            throw malformation(string);
        }
        int padding = length > 0 && base64.charAt(length - 1) == '='
                ? (length > 1 && base64.charAt(length - 2) == '=' ? 2 : 1) : 0;
        long decodedLength = (long) length / 4 * 3 - padding;
        if (decodedLength > maxLength) {
            RejectedException malformed = findMalformation(string);
            // the worse of the two is reported: a text that is not even base64
            throw malformed != null ? malformed : new RejectedException(Problem.TOO_LONG,
                    "block of " + decodedLength + " bytes exceeds the block size of " + maxLength);
        }
        if (!toAscii(base64)) {
            throw malformation(string);
        }
        int decoded;
        try {
            decoded = BASE64.decode(ascii, into);
        } catch (IllegalArgumentException e) {
            throw malformation(string);
        }
        if (decoded != decodedLength) {
            throw malformation(string);
        }
        return decoded;
    }

    /** Puts the text's bytes in {@link #ascii}, sized to it; false when a character lies beyond ISO-8859-1. */
    private boolean toAscii(String text) {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[length];
        }
        if (ascii.length != length) {
            ascii = new byte[length];
        }
        text.getChars(0, length, chars, 0);
        latin1.reset();
        return latin1.encode(CharBuffer.wrap(chars, 0, length), ByteBuffer.wrap(ascii), true).isUnderflow();
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

    /** The text without XML whitespace. */
    private static String withoutXmlWhitespace(String text) {
        StringBuilder base64 = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isXmlWhitespace(c)) {
                base64.append(c);
            }
        }
        return base64.toString();
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
