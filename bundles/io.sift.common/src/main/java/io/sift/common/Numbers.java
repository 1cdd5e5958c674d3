package io.sift.common;

/**
 * Reads the numbers in attributes that a peer sent. A peer's text is never trusted: no exception,
 * no overflow, no sign or blanks that {@link Integer#parseInt} would quietly accept.
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * A plain decimal number (ASCII digits only): its value, or {@link Integer#MAX_VALUE} when it is
     * larger (so "too large" stays distinguishable from "not a number"); {@code -1} when {@code raw}
     * is missing, empty or anything but digits.
     */
    public static int unsignedDecimal(String raw) {
        if (raw == null || raw.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value <= Integer.MAX_VALUE) {
                value = value * 10 + (c - '0');
            }
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** A TCP port as a peer wrote it: 1..65535, or {@code -1} for anything else. */
    public static int port(String raw) {
        int port = unsignedDecimal(raw);
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
