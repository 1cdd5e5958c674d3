package io.sift.negotiation.internal;

/**
 * Checks and cleans the text this bundle puts on the wire or hands to other bundles as an
 * identifier (stream ids, namespaces, MIME types, error texts).
 */
final class XmlText {

    private XmlText() {
    }

    /**
     * True if {@code s} is non-empty and every character is allowed in XML 1.0 and is no control
     * character. Tabs and line breaks are legal XML but never part of an identifier, so a value that
     * has one was forged or mangled.
     */
    static boolean isCleanToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        return s.codePoints().allMatch(XmlText::isCleanCodePoint);
    }

    /** A clean token without whitespace: what namespaces, MIME types and generated ids look like. */
    static boolean isCleanName(String s) {
        return isCleanToken(s) && s.codePoints().noneMatch(Character::isWhitespace);
    }

    /** {@code text} without control or non-XML characters and at most {@code max} characters long. */
    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().forEach(c -> {
            int clean = isCleanCodePoint(c) ? c : ' ';
            if (out.length() + Character.charCount(clean) <= max) {
                out.appendCodePoint(clean);
            }
        });
        return out.toString();
    }

    private static boolean isCleanCodePoint(int c) {
        return !Character.isISOControl(c)
                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)
                && c != 0xFFFE && c != 0xFFFF;
    }
}
