package io.sift.ibb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The base64 text of one outgoing block, kept as the encoder's ASCII bytes: the stanza builder takes
 * it as a character sequence, so a block is not copied into a String on its way out.
 */
final class Base64Text implements CharSequence {

    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private final byte[] ascii;
    private final int offset;
    private final int length;

    private Base64Text(byte[] ascii, int offset, int length) {
        this.ascii = ascii;
        this.offset = offset;
        this.length = length;
    }

    /** Encodes the remaining bytes of {@code block} without moving its position. */
    static Base64Text encode(ByteBuffer block) {
        ByteBuffer encoded = ENCODER.encode(block.duplicate());
        return new Base64Text(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) ascii[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new Base64Text(ascii, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(ascii, offset, length, StandardCharsets.ISO_8859_1);
    }
}
