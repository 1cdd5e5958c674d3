package io.sift.shell.text;

/**
 * Text from the network made safe to print on one terminal line: control characters (which could
 * move the cursor, clear the screen or fake a second line) and bidi overrides become '?'.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // bidi isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C'
                || c == '\u2028' || c == '\u2029';
    }
}
