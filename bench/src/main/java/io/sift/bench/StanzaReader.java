package io.sift.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an XMPP stream into its top-level elements (stanzas, stream features, SASL answers), as raw
 * bytes, without an XML parser: the ceiling measurements must cost the client as little CPU as
 * possible, since the server shares the machine's two cores with it. Enough for what Prosody and
 * ejabberd send (no comments, no CDATA; '>' in attribute values is allowed, inside quotes). A new
 * stream header (after SASL) is skipped wherever it appears.
 */
final class StanzaReader {

    private static final byte[] STREAM = "stream:stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final InputStream in;
    private byte[] buf = new byte[1 << 17];
    /** First byte not yet handed out. */
    private int start;
    /** End of the bytes read so far. */
    private int end;

    StanzaReader(InputStream in) {
        this.in = in;
    }

    /** The next top-level element; EOFException when the stream ends (closed, or {@code </stream:stream>}). */
    Element next() throws IOException {
        int depth = 0;
        int element = -1;
        int scan = start;
        while (true) {
            int open = indexOf((byte) '<', scan);
            if (open < 0) {
                if (element < 0) {
                    start = end; // whitespace between stanzas (keep-alives)
                }
                scan = end;
                int shift = fill();
                scan -= shift;
                element = element < 0 ? -1 : element - shift;
                continue;
            }
            int close = tagEnd(open);
            if (close < 0) {
                scan = open;
                if (element < 0) {
                    start = open;
                }
                int shift = fill();
                scan -= shift;
                element = element < 0 ? -1 : element - shift;
                continue;
            }
            scan = close + 1;
            byte second = buf[open + 1];
            if (second == '?' || second == '!') {
                continue; // XML declaration
            }
            if (second == '/') {
                if (element < 0) {
                    start = scan;
                    throw new EOFException("the server closed the stream");
                }
                if (--depth == 0) {
                    return take(element, scan);
                }
                continue;
            }
            if (element < 0 && isStreamHeader(open + 1)) {
                start = scan;
                continue;
            }
            boolean empty = buf[close - 1] == '/';
            if (element < 0) {
                if (empty) {
                    return take(open, scan);
                }
                element = open;
                depth = 1;
            } else if (!empty) {
                depth++;
            }
        }
    }

    private Element take(int from, int to) {
        start = to;
        return new Element(Arrays.copyOfRange(buf, from, to));
    }

    private boolean isStreamHeader(int name) {
        return end - name > STREAM.length && Arrays.equals(buf, name, name + STREAM.length, STREAM, 0, STREAM.length)
                && " \t\r\n>".indexOf(buf[name + STREAM.length]) >= 0;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The '>' that ends the tag opened at {@code open}, skipping quoted attribute values; -1 if not read yet. */
    private int tagEnd(int open) {
        byte quote = 0;
        for (int i = open + 1; i < end; i++) {
            byte b = buf[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '\'' || b == '"') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads more: drops what was handed out, grows the buffer if an element fills it. Returns how far
     * the kept bytes moved towards the front.
     */
    private int fill() throws IOException {
        int shift = start;
        if (shift > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= shift;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        end += n;
        return shift;
    }
}
