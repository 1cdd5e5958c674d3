package io.sift.filetransfer.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What a partial file is a part of: the sender (bare JID) and the offer's name, size, date and MD5.
 * Kept beside the partial file, so that when the same file is offered again, what is already there
 * is kept and only the rest is asked for (XEP-0096 {@code <range/>}).
 */
record PartIdentity(String peer, String name, long size, Optional<Instant> date, Optional<String> md5) {

    static PartIdentity of(String peerJid, FileElement file) {
        return new PartIdentity(AccountFileTransfers.bareOf(peerJid), file.name(), file.size(), file.date(),
                file.md5());
    }

    /** Whether a part written for {@code earlier} can be continued for this offer. */
    boolean continues(PartIdentity earlier) {
        return equals(earlier);
    }

    void write(Path to) throws IOException {
        StringBuilder text = new StringBuilder("# SIFT: what the partial file beside this one belongs to\n");
        line(text, "peer", peer);
        line(text, "name", name);
        line(text, "size", Long.toString(size));
        date.ifPresent(d -> line(text, "date", d.toString()));
        md5.ifPresent(h -> line(text, "md5", h));
        Files.writeString(to, text, StandardCharsets.UTF_8);
    }

    /**
     * One {@code key=value} line that {@link Properties#load(Reader)} reads back as exactly this value.
     * Written here rather than by {@link Properties#store}, which also writes the current date: its
     * time zone's display name loads locale data that costs a fresh process tens of milliseconds on
     * the way to answering its first offer.
     */
    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\f' -> text.append("\\f");
                case '=', ':', '#', '!' -> text.append('\\').append(c);
                case ' ' -> text.append(i == 0 ? "\\ " : " "); // load() skips spaces before a value
                default -> {
                    if (Character.isISOControl(c)) {
                        text.append("\\u").append(HexFormat.of().toHexDigits(c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('\n');
    }

    /** The identity stored at {@code from}; empty if there is none or it cannot be read. */
    static Optional<PartIdentity> read(Path from) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            p.load(in);
            String peer = p.getProperty("peer");
            String name = p.getProperty("name");
            long size = Long.parseLong(p.getProperty("size", "-1"));
            if (peer == null || name == null || size < 0) {
                return Optional.empty();
            }
            Optional<Instant> date = Optional.ofNullable(p.getProperty("date")).map(Instant::parse);
            return Optional.of(new PartIdentity(peer, name, size, date, Optional.ofNullable(p.getProperty("md5"))));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
