package io.sift.ibb.internal;

import java.nio.CharBuffer;

/**
 * The base64 text of one outgoing block ({@link BlockEncoder}), in a character array that the sender
 * reuses once the block is acknowledged.
 *
 * <p>The connection's writer is the JDK's {@code OutputStreamWriter}: it encodes a {@link CharBuffer}
 * over an array straight into its byte buffer, while any other character sequence it first copies
 * into a String and that into a new character array. A block of 64 KiB is 87 KB of text, thousands a
 * second: those copies were most of a sender's allocations, and the fresh memory they took from the
 * system cost more than the copying. So the stanza gets {@link #forWriter()}.
 */
final class Base64Text implements CharSequence {

    private final char[] chars;
    private final int offset;
    private final int length;

    private Base64Text(char[] chars, int offset, int length) {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
    }

    /** How many characters the base64 of {@code bytes} bytes takes, padding included. */
    static int encodedLength(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    /** The first {@code length} characters of {@code chars}, which hold base64. */
    static Base64Text of(char[] chars, int length) {
        return new Base64Text(chars, 0, length);
    }

    /**
     * The text as a buffer over its array, for the connection's writer; a new one for each stanza
     * built, since a buffer's position is state that two writers must not share.
     */
    CharBuffer forWriter() {
        return CharBuffer.wrap(chars, offset, length);
    }

    /** The array the text is in, to be reused once nothing will write the text any more. */
    char[] array() {
        return chars;
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
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new Base64Text(chars, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
