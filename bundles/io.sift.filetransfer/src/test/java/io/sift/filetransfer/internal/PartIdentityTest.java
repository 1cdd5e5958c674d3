package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.common.Printable;

/** What a partial file belongs to survives being written and read back, whatever the sender named it. */
class PartIdentityTest {

    /** Names a sender may give: everything that has a meaning in a properties file, and then some. */
    private static final List<String> NAMES = List.of(
            "plain.txt", " leading space", "  two leading", "trailing space ", "key=value:colon",
            "#not a comment", "!not a comment either", "back\\slash", "ends in a backslash\\", "line\nbreak",
            "carriage\rreturn", "tab\there", "form\ffeed", "nul\u0000and bell\u0007", "del\u007f",
            "\u00e9t\u00e9 \u65e5\u672c\u8a9e \ud83c\udf89", "\\u0041 is not A", "=", ":", "\t\n\r\f ");

    @TempDir
    Path dir;

    @Test
    void everyNameReadsBackExactly() throws IOException {
        for (String name : NAMES) {
            PartIdentity written = new PartIdentity("alice@example.org", name, 42,
                    Optional.of(Instant.parse("2026-01-02T03:04:05.678Z")), Optional.of("0123abcd"));
            Path file = dir.resolve("identity");
            written.write(file);
            assertEquals(Optional.of(written), PartIdentity.read(file), () -> "name " + Printable.of(name));
        }
    }

    @Test
    void theFileIsAPlainPropertiesFileWithoutATimestamp() throws IOException {
        PartIdentity written = new PartIdentity("bob@example.org", "a b=c", 7, Optional.empty(), Optional.empty());
        Path file = dir.resolve("identity");
        written.write(file);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        assertEquals("bob@example.org", p.getProperty("peer"));
        assertEquals("a b=c", p.getProperty("name"));
        assertEquals("7", p.getProperty("size"));
        assertEquals(3, p.size());
        // one comment line naming what the file is, then one line per value: no date of writing
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(List.of("# SIFT: what the partial file beside this one belongs to", "peer=bob@example.org",
                "name=a b\\=c", "size=7"), lines);
    }
}
