package io.sift.common;

/** Makes a peer's text safe for a log line: control characters must not forge extra lines. */
public final class Printable {

    private static final int MAX_LENGTH = 200;

    private Printable() {
    }

    public static String of(CharSequence raw) {
        if (raw == null) {
            return "(none)";
        }
        int length = Math.min(raw.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 8);
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (raw.length() > MAX_LENGTH) {
            out.append("...(").append(raw.length()).append(" chars)");
        }
        return out.toString();
    }
}
