package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeFileNamesTest {

    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "../../etc/passwd       => passwd",
        "..\\..\\boot.ini       => boot.ini",
        "C:\\x\\y.txt           => y.txt",
        "/abs/path.txt          => path.txt",
        "dir/                   => file",
        "report.pdf             => report.pdf",
        "Ünïcødé 中文.txt        => Ünïcødé 中文.txt",
        "a:b*c?d\"e<f>g|h.txt   => a_b_c_d_e_f_g_h.txt",
        ".bashrc                => bashrc",
        "...hidden.tar.gz       => hidden.tar.gz",
        "'. .bashrc'            => bashrc",
        "'name. . .'            => name",
        "'name.\u3000.'         => name",
        "'  spaced  .txt  '     => spaced  .txt",
        "movie.part             => movie_part",
        "movie.mkv.part         => movie.mkv_part",
    })
    void keepsOnlyASafeLastSegment(String offered, String expected) {
        assertEquals(expected, SafeFileNames.sanitize(offered));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".", "..", "...", "   ", " . . ", "\u0000", "\n\r", "\u202E", "\u200B\uFEFF", "/", "\\", "../",
        "..\\..\\", "C:\\"})
    void nothingUsableBecomesAPlainName(String offered) {
        assertEquals("file", SafeFileNames.sanitize(offered));
    }

    @Test
    void dropsControlCharacters() {
        assertEquals("abcdef.txt", SafeFileNames.sanitize("a\u0000b\nc\rd\u001Be\u007Ff\u0085.txt"));
        assertEquals("[31mred.txt", SafeFileNames.sanitize("\u001B[31mred.txt"));
        assertEquals("evil.sh", SafeFileNames.sanitize("evil\r\n.sh"));
    }

    @Test
    void dropsBidiOverridesAndZeroWidthCharacters() {
        // "invoice<RLO>fdp.exe" displays as "invoiceexe.pdf": it must not survive as such
        assertEquals("invoicefdp.exe", SafeFileNames.sanitize("invoice\u202Efdp.exe"));
        assertEquals("paypal.com.txt", SafeFileNames.sanitize("pay\u200Bpal\u200D.com\u2066.txt\uFEFF"));
    }

    @Test
    void replacesCharactersWindowsForbids() {
        assertEquals("_______", SafeFileNames.sanitize(":*?\"<>|"));
    }

    @ParameterizedTest
    @CsvSource({
        "CON, _CON",
        "con, _con",
        "nul.txt, _nul.txt",
        "Com1.log, _Com1.log",
        "LPT9, _LPT9",
        "aux.tar.gz, _aux.tar.gz",
        "NUL.., _NUL",
        "CONSOLE.txt, CONSOLE.txt",
        "COM10, COM10",
        "icon.png, icon.png",
    })
    void neverNamesAWindowsDevice(String offered, String expected) {
        assertEquals(expected, SafeFileNames.sanitize(offered));
    }

    @Test
    void aLongAsciiNameIsCutKeepingItsExtension() {
        String name = SafeFileNames.sanitize("a".repeat(1000) + ".txt");
        assertEquals(SafeFileNames.MAX_BYTES, utf8(name));
        assertEquals("a".repeat(SafeFileNames.MAX_BYTES - 4) + ".txt", name);
    }

    @Test
    void aLongEmojiNameIsCutBetweenCharacters() {
        String emoji = "\uD83D\uDE00"; // one code point, a surrogate pair, 4 bytes in UTF-8
        String name = SafeFileNames.sanitize(emoji.repeat(300) + ".png");
        assertTrue(utf8(name) <= SafeFileNames.MAX_BYTES, name);
        assertTrue(name.endsWith(".png"));
        assertEquals(emoji.repeat((SafeFileNames.MAX_BYTES - 4) / 4) + ".png", name);
        assertNoLoneSurrogate(name);
    }

    @Test
    void aLongCjkNameIsCutBetweenCharacters() {
        String name = SafeFileNames.sanitize("文".repeat(300) + ".txt");
        assertEquals("文".repeat((SafeFileNames.MAX_BYTES - 4) / 3) + ".txt", name);
        assertNoLoneSurrogate(name);
    }

    @Test
    void aLongExtensionIsNotKept() {
        String name = SafeFileNames.sanitize("a." + "b".repeat(300));
        assertEquals(SafeFileNames.MAX_BYTES, utf8(name));
        assertTrue(name.startsWith("a.bbb"));
    }

    @Test
    void cuttingNeverLeavesATrailingDotOrSpace() {
        // the cut falls right after the space: Windows would drop it and store another name
        String name = SafeFileNames.sanitize("a".repeat(SafeFileNames.MAX_BYTES - 1) + " " + "b".repeat(50));
        assertEquals("a".repeat(SafeFileNames.MAX_BYTES - 1), name);
        String dotted = SafeFileNames.sanitize("a".repeat(SafeFileNames.MAX_BYTES - 1) + "." + "b".repeat(50));
        assertEquals("a".repeat(SafeFileNames.MAX_BYTES - 1), dotted);
    }

    @Test
    void cuttingNeverLeavesAPartSuffix() {
        // the extension is too long to keep, and the cut lands right after ".part"
        String name = SafeFileNames.sanitize("x".repeat(SafeFileNames.MAX_BYTES - 5) + ".part" + "y".repeat(40));
        assertFalse(name.endsWith(SafeFileNames.PART_SUFFIX), name);
        assertTrue(name.length() <= SafeFileNames.MAX_BYTES);
    }

    @Test
    void unpairedSurrogatesAreDropped() throws IOException {
        // no file system can store them: Linux refuses to encode the path at all
        String name = SafeFileNames.sanitize("a\uD800b\uDC00c.txt");
        assertEquals("abc.txt", name);
        Files.createFile(dir.resolve(name));
    }

    @Test
    void randomNamesKeepEveryInvariant() throws IOException {
        String[] pieces = {"a", "Z", "7", "-", "_", " ", ".", "..", "/", "\\", ":", "*", "?", "\"", "<", ">", "|",
            "\u0000", "\n", "\r", "\t", "\u001B", "\u007F", "\u0085", "\u202E", "\u200B", "\u200D", "\uFEFF",
            "\u2066", "文", "ü", "\u0301", "\uD83D\uDE00", "\uD83C\uDF89", "\uD800", "\uDFFF", "CON", "nul", "Com1",
            ".part", ".txt", "C:\\", "../", "\u3000", "\u00A0", "%2e%2e", "~"};
        Random random = new Random(20241124L);
        Path base = dir.toAbsolutePath().normalize();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder offered = new StringBuilder();
            int length = random.nextInt(round % 10 == 0 ? 400 : 30);
            for (int i = 0; i < length; i++) {
                offered.append(pieces[random.nextInt(pieces.length)]);
            }
            String name = SafeFileNames.sanitize(offered.toString());
            String context = "offered '" + escape(offered.toString()) + "' -> '" + escape(name) + "'";

            assertFalse(name.isEmpty(), context);
            assertNotEquals(".", name, context);
            assertNotEquals("..", name, context);
            assertTrue(utf8(name) <= SafeFileNames.MAX_BYTES, context);
            assertFalse(name.contains("/") || name.contains("\\"), context);
            assertFalse(name.endsWith(SafeFileNames.PART_SUFFIX), context);
            assertFalse(name.startsWith(".") || name.endsWith(".") || name.endsWith(" "), context);
            assertFalse(isWindowsDevice(name), context);
            name.codePoints().forEach(c -> {
                assertFalse(Character.isISOControl(c), context);
                assertFalse(Character.getType(c) == Character.FORMAT, context);
                assertFalse(":*?\"<>|".indexOf(c) >= 0, context);
            });
            assertNoLoneSurrogate(name);

            Path resolved = Paths.get(base.toString()).resolve(name).normalize();
            assertEquals(base, resolved.getParent(), context);
            assertEquals(name, resolved.getFileName().toString(), context);
        }
    }

    // ---- numbered ----

    @Test
    void numberedKeepsExtensionAndLength() {
        assertEquals("a (1).txt", SafeFileNames.numbered("a.txt", 1));
        assertEquals("a.tar (2).gz", SafeFileNames.numbered("a.tar.gz", 2));
        assertEquals("noext (12)", SafeFileNames.numbered("noext", 12));
        String longest = SafeFileNames.sanitize("x".repeat(500) + ".txt");
        String numbered = SafeFileNames.numbered(longest, 9999);
        assertTrue(utf8(numbered) <= SafeFileNames.MAX_BYTES, numbered);
        assertTrue(numbered.endsWith(" (9999).txt"), numbered);
        String emoji = SafeFileNames.sanitize("\uD83D\uDE00".repeat(100) + ".png");
        String numberedEmoji = SafeFileNames.numbered(emoji, 3);
        assertTrue(utf8(numberedEmoji) <= SafeFileNames.MAX_BYTES, numberedEmoji);
        assertTrue(numberedEmoji.endsWith(" (3).png"));
        assertNoLoneSurrogate(numberedEmoji);
    }

    @Test
    void partOfAppendsTheSuffix() {
        assertEquals(dir.resolve("a.txt.part"), SafeFileNames.partOf(dir.resolve("a.txt")));
    }

    private static boolean isWindowsDevice(String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        return WINDOWS_DEVICES.contains(base.toUpperCase(Locale.ROOT));
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void assertNoLoneSurrogate(String s) {
        s.codePoints().forEach(c -> assertFalse(Character.getType(c) == Character.SURROGATE,
                () -> "unpaired surrogate in '" + escape(s) + "'"));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
