package io.sift.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One top-level element of an XMPP stream as the server sent it (see {@link StanzaReader}), with
 * just what the ceiling measurements read: the element's name and attributes, its first child's,
 * and the text right inside that child (an in-band block's base64).
 */
final class Element {

    private final byte[] bytes;
    private final Tag top;

    Element(byte[] bytes) {
        this.bytes = bytes;
        this.top = Tag.at(bytes, 0).orElseThrow(() -> new IllegalArgumentException("not an element: "
                + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8)));
    }

    String name() {
        return top.name();
    }

    /** An attribute of the element itself, unescaped; empty when absent. */
    Optional<String> attribute(String name) {
        return top.attribute(bytes, name);
    }

    /** An attribute of a tag inside this element (see {@link #child()}), unescaped. */
    Optional<String> attribute(Tag tag, String name) {
        return tag.attribute(bytes, name);
    }

    /** The first child element's start tag, if there is one. */
    Optional<Tag> child() {
        if (top.empty()) {
            return Optional.empty();
        }
        int open = indexOf((byte) '<', top.end());
        return open < 0 || bytes[open + 1] == '/' ? Optional.empty() : Tag.at(bytes, open);
    }

    /** Start of the text right after the child's start tag. */
    int textStart(Tag child) {
        return child.end();
    }

    /** End (exclusive) of that text: where the next tag begins. */
    int textEnd(Tag child) {
        int next = indexOf((byte) '<', child.end());
        return next < 0 ? bytes.length : next;
    }

    /** The text of the child, as it arrived (no copy; empty for {@code <x/>}). */
    ByteBuffer childText(Tag child) {
        return child.empty() ? ByteBuffer.allocate(0)
                : ByteBuffer.wrap(bytes, textStart(child), textEnd(child) - textStart(child)).asReadOnlyBuffer();
    }

    /** The text of the first {@code <name>} element anywhere inside (no attributes on it), e.g. a bound JID. */
    Optional<String> textOf(String name) {
        String xml = toString();
        int open = xml.indexOf("<" + name + ">");
        int close = xml.indexOf("</" + name + ">", open + 1);
        return open < 0 || close < 0 ? Optional.empty()
                : Optional.of(Tag.unescape(xml.substring(open + name.length() + 2, close)));
    }

    boolean contains(String text) {
        return toString().contains(text);
    }

    int length() {
        return bytes.length;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The element as text, shortened: for messages and errors. */
    String shortText() {
        String text = toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A start tag: its name, where it ends, whether it is also its end ({@code <x/>}). */
    record Tag(int start, String name, int end, boolean empty) {

        /** The tag that opens at {@code open} (a '<'); empty when there is none or it does not end. */
        static Optional<Tag> at(byte[] bytes, int open) {
            if (open < 0 || open >= bytes.length || bytes[open] != '<') {
                return Optional.empty();
            }
            int nameEnd = open + 1;
            while (nameEnd < bytes.length && " \t\r\n/>".indexOf(bytes[nameEnd]) < 0) {
                nameEnd++;
            }
            byte quote = 0;
            for (int i = nameEnd; i < bytes.length; i++) {
                byte b = bytes[i];
                if (quote != 0) {
                    quote = b == quote ? 0 : quote;
                } else if (b == '\'' || b == '"') {
                    quote = b;
                } else if (b == '>') {
                    return Optional.of(new Tag(open, new String(bytes, open + 1, nameEnd - open - 1,
                            StandardCharsets.UTF_8), i + 1, bytes[i - 1] == '/'));
                }
            }
            return Optional.empty();
        }

        /** The value of an attribute of this tag, unescaped. */
        Optional<String> attribute(byte[] bytes, String attribute) {
            String tag = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            int i = name.length() + 1;
            while (i < tag.length()) {
                int eq = tag.indexOf('=', i);
                if (eq < 0) {
                    return Optional.empty();
                }
                String key = tag.substring(i, eq).strip();
                int q = eq + 1;
                while (q < tag.length() && Character.isWhitespace(tag.charAt(q))) {
                    q++;
                }
                if (q >= tag.length() || (tag.charAt(q) != '\'' && tag.charAt(q) != '"')) {
                    return Optional.empty();
                }
                int close = tag.indexOf(tag.charAt(q), q + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                if (key.equals(attribute)) {
                    return Optional.of(unescape(tag.substring(q + 1, close)));
                }
                i = close + 1;
            }
            return Optional.empty();
        }

        static String unescape(String text) {
            if (text.indexOf('&') < 0) {
                return text;
            }
            return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                    .replace("&amp;", "&");
        }
    }
}
