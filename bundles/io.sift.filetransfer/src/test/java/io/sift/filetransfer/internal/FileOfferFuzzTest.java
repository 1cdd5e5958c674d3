package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixed-seed fuzzing of what a peer's offer and answer put into the file transfer profile. A
 * {@code <file/>} with hostile names, sizes, dates, hashes and children is read into exactly what its
 * raw values say, or refused as Malformed, never with another exception; a {@code <range/>} in an
 * answer yields a part inside the file or Malformed; and any name a peer sends, random Unicode from
 * all planes included, becomes one safe path segment that can be created inside the download
 * directory.
 */
class FileOfferFuzzTest {

    private static final long[] SEEDS = {96L, 0xF11EL, 31_337L};
    private static final int FILES_PER_SEED = 2000;
    private static final int RANGES_PER_SEED = 2000;
    private static final int NAMES_PER_SEED = 1500;

    private static final String NS = FileElement.NAMESPACE;
    private static final String[] NAMES = {"a.txt", "", " ", "\t", ".", "..", "../../etc/passwd", "C:\\boot.ini",
        "&lt;x&gt;&amp;", "a&#x9;b", "\u202Etxt.exe", "\u00C5ngstr\u00F6m \u4E2D\u6587.pdf", "\uD83D\uDE00.png",
        "CON", "x".repeat(5000), "&#x1F600;&#x200B;", "movie.part", "'", "<", "&#0;"};
    private static final String[] NUMBERS = {"0", "1", "1022", " 7 ", "+5", "-1", "-0", "00012", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "1e3", "0x10", "1.5", "", " ", "\u0663", "\uFF17",
        "\u00A0" + "3", "12" + "\u2003", "99999999999999999999999999", "NaN", "&#x38;", "<"};
    private static final String[] DATES = {"2024-05-06T07:08:09Z", "2024-05-06T07:08:09.123+02:00",
        " 2024-05-06T07:08:09Z ", "2024-05-06", "2024-13-40T25:61:61Z", "1969-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "0000-01-01T00:00Z",
        "2024-05-06T07:08:09", "yesterday", "", "\u0662024-05-06T07:08:09Z"};
    private static final String[] HASHES = {"0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF",
        " 0123456789abcdef0123456789abcdef ", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
        "g123456789abcdef0123456789abcdef", "", "d41d8cd98f00b204e9800998ecf8427e", "\uFF10".repeat(32)};
    private static final String[] CHILDREN = {"<desc>minutes</desc>", "<desc/>", "<desc>  </desc>",
        "<desc>a" + "\uD83D\uDE00".repeat(3000) + "</desc>", "<desc><b>bold</b> text</desc>", "<range/>",
        "<range offset='5'/>", "<check xmlns='urn:sift:file-check:0'/>", "<desc xmlns='urn:other'>x</desc>",
        "<x xmlns='urn:x'>" + "<n>".repeat(300) + "</n>".repeat(300) + "</x>", "<desc>a</desc><desc>b</desc>"};

    @TempDir
    Path downloads;

    @Test
    void aFileElementIsReadAsItsRawValuesSayOrRefusedAsMalformed() throws Exception {
        int[] seen = new int[3]; // unreadable XML, malformed, read
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < FILES_PER_SEED; i++) {
                String xml = fileElement(random);
                String context = "seed " + seed + " #" + i + ": " + shown(xml);
                StandardExtensionElement element;
                try {
                    element = Xml.parse(xml);
                } catch (XmlPullParserException | IllegalArgumentException e) {
                    // broken XML, or an element Smack cannot represent (the offer's parser refuses those first)
                    seen[0]++;
                    continue;
                }
                try {
                    assertReadAsRaw(element, FileElement.parse(element), context);
                    seen[2]++;
                } catch (FileElement.Malformed e) {
                    assertMalformed(element, context + " -> " + e.getMessage());
                    seen[1]++;
                } catch (RuntimeException e) {
                    throw new AssertionError("FileElement.parse threw " + e + ", " + context, e);
                }
            }
        }
        System.out.printf("FileOfferFuzzTest <file/> (seeds %s x %d): %d unreadable XML, %d malformed, %d read%n",
                Arrays.toString(SEEDS), FILES_PER_SEED, seen[0], seen[1], seen[2]);
        assertTrue(seen[1] > 0 && seen[2] > 0, "the generator reaches both outcomes");
    }

    /** A {@code <file/>} as senders write it, with hostile values in its attributes and children. */
    private static String fileElement(Random random) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", random.nextInt(3) == 0 ? pick(NAMES, random) : "a.txt");
        attributes.put("size", random.nextInt(3) == 0 ? pick(NUMBERS, random)
                : Integer.toString(random.nextInt(1 << 20)));
        attributes.put("hash", pick(HASHES, random));
        attributes.put("date", pick(DATES, random));
        attributes.keySet().removeIf(name -> random.nextInt(8) == 0);
        StringBuilder xml = new StringBuilder("<file xmlns='")
                .append(random.nextInt(20) == 0 ? "urn:not-file-transfer" : NS).append('\'');
        attributes.forEach((name, value) -> xml.append(' ').append(name).append("='").append(value).append('\''));
        if (random.nextInt(20) == 0) {
            xml.append(" name='twice'"); // a repeated attribute: broken XML
        }
        xml.append('>');
        for (int n = random.nextInt(3); n > 0; n--) {
            xml.append(pick(CHILDREN, random));
        }
        String text = xml.append("</file>").toString();
        return random.nextInt(12) == 0 ? text.substring(0, random.nextInt(text.length())) : text;
    }

    /** What parse returned matches the raw values, read here without FileElement's help. */
    private static void assertReadAsRaw(StandardExtensionElement raw, FileElement file, String context) {
        assertEquals(raw.getAttributeValue("name"), file.name(), context);
        assertFalse(file.name().isBlank(), context);
        String size = raw.getAttributeValue("size");
        assertEquals(size == null ? 0 : Long.parseLong(size.strip()), file.size(), context);
        assertTrue(file.size() >= 0, context);
        String hash = raw.getAttributeValue("hash");
        boolean md5 = hash != null && hash.strip().matches("[0-9a-fA-F]{32}");
        assertEquals(md5 ? Optional.of(hash.strip().toLowerCase(Locale.ROOT)) : Optional.empty(), file.md5(), context);
        assertEquals(Optional.ofNullable(raw.getAttributeValue("date")).flatMap(FileOfferFuzzTest::instant),
                file.date().map(d -> d.toString()), context);
        file.description().ifPresent(d -> {
            assertTrue(d.length() <= FileElement.MAX_DESCRIPTION && !d.isBlank(), context);
            assertFalse(Character.isHighSurrogate(d.charAt(d.length() - 1)), context);
        });
        assertEquals(raw.getFirstElement("range") != null, file.canResume(), context);
    }

    /** Refused only for a wrong element, a missing or blank name, or a size that is no number or negative (a missing one is 0). */
    private static void assertMalformed(StandardExtensionElement raw, String context) {
        String name = raw.getAttributeValue("name");
        String size = raw.getAttributeValue("size");
        boolean validSize = size == null || size.strip().matches("\\+?[0-9]{1,18}");
        assertFalse("file".equals(raw.getElementName()) && NS.equals(raw.getNamespace()) && name != null
                && !name.isBlank() && validSize, () -> "refused although valid: " + context);
    }

    private static Optional<String> instant(String raw) {
        try {
            return Optional.of(OffsetDateTime.parse(raw.strip()).toInstant().toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void aRangeInAnAnswerSelectsAPartOfTheFileOrIsMalformed() throws Exception {
        int[] seen = new int[3]; // whole file, a part, malformed
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < RANGES_PER_SEED; i++) {
                long size = random.nextInt(4) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(10_000);
                StringBuilder xml = new StringBuilder("<file xmlns='" + NS + "'>");
                if (random.nextInt(8) > 0) {
                    xml.append("<range");
                    for (String attribute : new String[] {"offset", "length"}) {
                        if (random.nextInt(4) > 0) {
                            String value = random.nextBoolean() ? pick(NUMBERS, random)
                                    : Long.toString(random.nextLong() % (size + 2));
                            xml.append(' ').append(attribute).append("='").append(value).append('\'');
                        }
                    }
                    xml.append("/>");
                }
                String answer = xml.append("</file>").toString();
                String context = "seed " + seed + " #" + i + ", size " + size + ": " + shown(answer);
                StandardExtensionElement element;
                try {
                    element = Xml.parse(answer);
                } catch (XmlPullParserException e) {
                    continue;
                }
                try {
                    FileElement.Range range = FileElement.Range.fromAnswer(Optional.of(element), size);
                    assertTrue(range.offset() >= 0 && range.length() >= 0 && range.offset() <= size
                            && range.length() <= size - range.offset(), context + " -> " + range);
                    seen[range.equals(FileElement.Range.whole(size)) ? 0 : 1]++;
                } catch (FileElement.Malformed e) {
                    seen[2]++;
                } catch (RuntimeException e) {
                    throw new AssertionError("Range.fromAnswer threw " + e + ", " + context, e);
                }
            }
        }
        System.out.printf("FileOfferFuzzTest <range/> (seeds %s x %d): %d whole file, %d a part, %d malformed%n",
                Arrays.toString(SEEDS), RANGES_PER_SEED, seen[0], seen[1], seen[2]);
        assertTrue(seen[1] > 0 && seen[2] > 0, "the generator reaches both outcomes");
    }

    @Test
    void anyNameBecomesOneSafeSegmentThatCanBeCreatedInTheDownloadDirectory() throws IOException {
        Path directory = downloads.toRealPath();
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int i = 0; i < NAMES_PER_SEED; i++) {
                String offered = randomName(random);
                String name = SafeFileNames.sanitize(offered);
                String context = "seed " + seed + " #" + i + ": '" + shown(offered) + "' -> '" + shown(name) + "'";
                assertSafe(name, context);
                Path file = directory.resolve(name);
                assertEquals(directory, file.getParent(), context);
                Files.createFile(file);
                assertEquals(directory, file.toRealPath().getParent(), context);
                Files.delete(file);
            }
        }
    }

    private static void assertSafe(String name, String context) {
        assertFalse(name.isEmpty(), context);
        assertNotEquals(".", name, context);
        assertNotEquals("..", name, context);
        assertFalse(name.contains("/") || name.contains("\\"), context);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= SafeFileNames.MAX_BYTES, context);
        assertFalse(name.endsWith(SafeFileNames.PART_SUFFIX), context);
        name.codePoints().forEach(c -> {
            assertFalse(Character.isISOControl(c), context);
            assertFalse(Character.getType(c) == Character.FORMAT, () -> "bidi or invisible character, " + context);
            assertFalse(Character.getType(c) == Character.SURROGATE, () -> "half a surrogate pair, " + context);
        });
    }

    /** Code points from every plane, weighted towards the troublesome: controls, formats, surrogates, separators. */
    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder();
        int length = random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(40);
        for (int n = 0; n < length; n++) {
            int c = switch (random.nextInt(10)) {
                case 0 -> random.nextInt(0x20);                                       // C0 controls
                case 1 -> 0x7F + random.nextInt(0x21);                                // DEL, C1 controls
                case 2 -> new int[] {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                    0x2069, 0x061C, 0x200B, 0x200D, 0xFEFF, 0x00AD, 0xE0001}[random.nextInt(17)]; // bidi, invisible
                case 3 -> 0xD800 + random.nextInt(0x800);                             // lone surrogates
                case 4 -> "/\\.:*?\"<>| ".charAt(random.nextInt(11));
                case 5 -> 0x10000 + random.nextInt(0x100000);                         // supplementary planes
                case 6 -> 0xFFF0 + random.nextInt(0x10);                              // specials, noncharacters
                default -> random.nextInt(0xD800);                                    // the rest of the BMP
            };
            name.appendCodePoint(c);
        }
        return name.toString();
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** For a failure message: escaped where not printable ASCII, and cut. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(300).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
                : String.format("\\u%04X", c)));
        return text.length() > 300 ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
