package io.sift.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One finished transfer as a peer process printed it: SIFT's tab-separated result line
 * (STATE NAME SIZE METHOD SHA256 WHERE MILLIS TTFB) or smack-peer's
 * {@code RESULT status=... [name=...] bytes=... millis=... [sha256=...] method=...}. The name is as
 * printed (SIFT makes it printable, smack-peer percent-encodes it); the bench's own names need neither.
 */
record TransferLine(String name, boolean complete, long bytes, long millis, Optional<Long> ttfbMillis, Optional<String> sha256,
        String method) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A SIFT result line with the timing columns, or empty when the line is not one. */
    static Optional<TransferLine> ofSift(String line) {
        String[] f = line.split("\t", -1);
        // 9: the runtime's line ends with what was checked (verified / unverified)
        if (f.length != 9) {
            return Optional.empty();
        }
        Optional<Long> size = count(f[2]);
        Optional<Long> millis = count(f[6]);
        if (size.isEmpty() || millis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TransferLine(f[1], "COMPLETED".equals(f[0]), size.get(), millis.get(), count(f[7]),
                sha(f[4]), word(f[3])));
    }

    /** A smack-peer RESULT line, or empty when the line is not one. */
    static Optional<TransferLine> ofSmack(String line) {
        if (!line.startsWith("RESULT ")) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(7).split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        Optional<Long> bytes = count(fields.getOrDefault("bytes", ""));
        Optional<Long> millis = count(fields.getOrDefault("millis", ""));
        if (bytes.isEmpty() || millis.isEmpty() || !fields.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new TransferLine(fields.getOrDefault("name", "-"), "complete".equals(fields.get("status")),
                bytes.get(), millis.get(),
                Optional.empty(), sha(fields.getOrDefault("sha256", "")), word(fields.getOrDefault("method", "?"))));
    }

    private static Optional<Long> count(String raw) {
        // at most 18 digits: always a long, never negative
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(raw));
    }

    private static Optional<String> sha(String raw) {
        String hex = raw.toLowerCase(Locale.ROOT);
        return SHA256.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
    }

    /** The method name for a table cell: short and printable, or "?". */
    private static String word(String raw) {
        return raw.matches("[A-Za-z0-9.-]{1,16}") ? raw : "?";
    }
}
