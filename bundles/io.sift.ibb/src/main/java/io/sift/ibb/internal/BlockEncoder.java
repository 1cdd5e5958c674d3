package io.sift.ibb.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes the blocks of one outgoing stream into base64 characters, for one thread at a time.
 *
 * <p>The JDK's encoder and its ISO-8859-1 decoder (which turns the encoder's ASCII bytes into
 * characters) both run as vector code; the arrays between them are this encoder's own, kept from
 * block to block, since a fresh array per block of a fast stream costs more than the encoding.
 */
final class BlockEncoder {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final CharsetDecoder ascii = StandardCharsets.ISO_8859_1.newDecoder();
    /** The block's bytes when they are not a whole array already: the JDK's encoder takes whole arrays. */
    private byte[] bytes = new byte[0];
    private byte[] encoded = new byte[0];

    /** Encodes the remaining bytes of {@code block} into a new array, without moving its position. */
    Base64Text encode(ByteBuffer block) {
        return encode(block, new char[Base64Text.encodedLength(block.remaining())]);
    }

    /**
     * Encodes the remaining bytes of {@code block} into {@code into} from its start, without moving the
     * block's position; {@code into} must hold {@link Base64Text#encodedLength} characters of them.
     */
    Base64Text encode(ByteBuffer block, char[] into) {
        int length = Base64Text.encodedLength(block.remaining());
        if (into.length < length) {
            throw new IllegalArgumentException(length + " characters do not fit in " + into.length);
        }
        if (encoded.length < length) {
            encoded = new byte[length];
        }
        BASE64.encode(wholeArray(block), encoded);
        ascii.reset();
        CoderResult result = ascii.decode(ByteBuffer.wrap(encoded, 0, length), CharBuffer.wrap(into), true);
        if (!result.isUnderflow()) {
            throw new IllegalStateException("base64 did not fit its characters: " + result);
        }
        return Base64Text.of(into, length);
    }

    /** The block as an array of exactly its bytes: its own when it is one, else a copy in this encoder's. */
    private byte[] wholeArray(ByteBuffer block) {
        int n = block.remaining();
        if (block.hasArray() && block.arrayOffset() + block.position() == 0 && block.array().length == n) {
            return block.array();
        }
        if (bytes.length != n) {
            bytes = new byte[n];
        }
        block.get(block.position(), bytes);
        return bytes;
    }
}
