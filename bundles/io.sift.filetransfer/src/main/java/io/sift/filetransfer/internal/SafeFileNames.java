package io.sift.filetransfer.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a file name chosen by a remote peer into one that is safe to create in the download
 * directory: a single path segment, printable, of bounded length, never a name with special meaning.
 */
final class SafeFileNames {

    /** Bytes (UTF-8) a stored name may have; most file systems allow 255. */
    static final int MAX_BYTES = 200;

    static final String PART_SUFFIX = ".part";

    private static final String FALLBACK = "file";

    /** Names Windows reserves in every directory (a share may be mounted from there). */
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileNames() {
    }

    /** The safe base name for an offered name. Never empty, never "." or "..", no separators. */
    static String sanitize(String offered) {
        String name = offered == null ? "" : offered;
        // only the last segment counts, whichever separator the sender's system uses
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);

        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || isInvisibleFormat(c)) {
                return; // dropped: control characters and bidi overrides disguise names
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return; // half a surrogate pair: no file system can encode it
            }
            out.appendCodePoint(":*?\"<>|".indexOf(c) >= 0 ? '_' : c);
        });
        // leading dots hide files or make "..": trailing dots and spaces vanish on Windows
        name = trimDots(out.toString());
        if (name.isEmpty()) {
            name = FALLBACK;
        }
        if (RESERVED.contains(deviceName(name).toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        name = truncate(name, MAX_BYTES);
        // checked after the cut, which can end a long name in ".part"
        if (name.endsWith(PART_SUFFIX)) {
            name = name.substring(0, name.length() - PART_SUFFIX.length()) + "_part";
        }
        return name;
    }

    /** {@code <name>.part}: where a file is written until it is complete and checked. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + PART_SUFFIX);
    }

    static String numbered(String name, int n) {
        String suffix = " (" + n + ")";
        String stem = stem(name);
        String extension = name.substring(stem.length());
        return truncate(stem, MAX_BYTES - utf8Length(suffix + extension)) + suffix + extension;
    }

    private static boolean isInvisibleFormat(int c) {
        // Unicode "format" characters: bidi overrides (U+202E), zero-width joiners and the like
        return Character.getType(c) == Character.FORMAT;
    }

    private static String trimDots(String name) {
        int start = 0;
        int end = name.length();
        // dots and white space together: ". .bashrc" must not end up as ".bashrc"
        while (start < end && isDotOrSpace(name.charAt(start))) {
            start++;
        }
        while (end > start && isDotOrSpace(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(start, end);
    }

    private static boolean isDotOrSpace(char c) {
        return c == '.' || Character.isWhitespace(c);
    }

    /** What Windows compares with its device names: the part before the first dot ("nul.tar.gz" is NUL). */
    private static String deviceName(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
    }

    /** The name without its extension ("report.tar.gz" -> "report.tar"; no dot -> the whole name). */
    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Shortens to at most {@code maxBytes} UTF-8 bytes, keeping the extension when it is short. */
    private static String truncate(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        String stem = stem(name);
        String extension = name.substring(stem.length());
        if (utf8Length(extension) > 32) {
            stem = name;
            extension = "";
        }
        int budget = Math.max(1, maxBytes - utf8Length(extension));
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int len = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            out.appendCodePoint(c);
            used += len;
            i += Character.charCount(c);
        }
        // the cut may end in a dot or space, which Windows would drop from the name
        int end = out.length();
        while (end > 1 && isDotOrSpace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        return out + extension;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
