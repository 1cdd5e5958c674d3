package io.sift.shell.internal.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sift.shell.internal.Console;
import io.sift.shell.internal.TableView;

/** Tables as Karaf's ShellTable prints them, and the unpadded rows of --no-format. */
class TablesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void aTableHasHeadersASeparatorLineAndAlignedColumns() {
        Tables.print(console(false, 80), table(), false, "nothing");
        String[] lines = text().split("\\R");
        assertEquals(4, lines.length, text());
        assertTrue(lines[0].matches("ACCOUNT\\s+. STATE\\s+. DETAIL\\s*"), lines[0]);
        assertTrue(lines[1].matches("-+.-+.-+"), lines[1]);
        assertTrue(lines[2].matches("alice@example.org . online\\s+. alice@example.org/home\\s*"), lines[2]);
        assertEquals(lines[2].indexOf("online"), lines[3].indexOf("offline"), "columns aligned");
    }

    @Test
    void noFormatRowsAreTabSeparatedWithoutPaddingOrHeader() {
        Tables.print(console(false, 80), table(), true, "nothing");
        assertEquals("alice@example.org\tonline\talice@example.org/home\nbob@example.org\toffline\t"
                + "cannot reach example.org:5222: Connection refused; next attempt in 5s\n", text().replace("\r", ""));
    }

    @Test
    void onATerminalTheLastColumnWrapsWithinTheWidth() {
        Tables.print(console(true, 60), table(), false, "nothing");
        for (String line : text().split("\\R")) {
            assertTrue(line.length() <= 60, () -> "wider than the terminal: '" + line + "'");
        }
        assertTrue(text().replaceAll("\\s+", " ").contains("next attempt in 5s"), text());
    }

    @Test
    void anEmptyTableSaysSo() {
        Tables.print(console(false, 80), TableView.of("A").build(), false, "No transfers.");
        assertEquals("No transfers.", text().strip());
        bytes.reset();
        Tables.print(console(false, 80), TableView.of("A").build(), true, "No transfers.");
        assertEquals("", text());
    }

    private static TableView table() {
        return TableView.of("ACCOUNT", "STATE", "DETAIL").wrapLast()
                .row("alice@example.org", "online", "alice@example.org/home")
                .row("bob@example.org", "offline", "cannot reach example.org:5222: Connection refused; next attempt in 5s")
                .build();
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Console console(boolean terminal, int width) {
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return new Console() {
            @Override public PrintStream out() { return out; }
            @Override public PrintStream err() { return out; }
            @Override public Path currentDirectory() { return Path.of("."); }
            @Override public int width() { return width; }
            @Override public boolean drawsProgress() { return terminal; }
            @Override public void println(String line) { out.println(line); }
        };
    }
}
