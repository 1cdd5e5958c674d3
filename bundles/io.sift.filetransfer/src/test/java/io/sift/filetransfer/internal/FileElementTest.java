package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileElementTest {

    private static final String NS = FileElement.NAMESPACE;
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private static FileElement parse(String xml) throws Exception {
        return FileElement.parse(Xml.parse(xml));
    }

    private static StandardExtensionElement.Builder file(String name, String size) {
        StandardExtensionElement.Builder b = StandardExtensionElement.builder("file", NS);
        if (name != null) {
            b.addAttribute("name", name);
        }
        if (size != null) {
            b.addAttribute("size", size);
        }
        return b;
    }

    // ---- writing ----

    @Test
    void writesEveryFieldInTheProfileNamespace() throws Exception {
        FileElement f = new FileElement("a.txt", 1234, Optional.of(MD5),
                Optional.of(Instant.parse("2024-05-06T07:08:09.123Z")), Optional.of("minutes"), true, false);
        String xml = f.toElement().toXML().toString();
        assertEquals("<file xmlns='" + NS + "' name='a.txt' size='1234' hash='" + MD5
                + "' date='2024-05-06T07:08:09Z'><desc>minutes</desc><range></range></file>", xml);
    }

    @Test
    void writesOnlyWhatIsKnown() {
        FileElement f = new FileElement("a.txt", 0, Optional.empty(), Optional.empty(), Optional.empty(), false, false);
        assertEquals("<file xmlns='" + NS + "' name='a.txt' size='0'></file>", f.toElement().toXML().toString());
    }

    @Test
    void escapesMarkupInTheNameAndDescription() throws Exception {
        String name = "x<&'\">y.txt";
        String desc = "</desc><range/>&amp;";
        FileElement f = new FileElement(name, 1, Optional.empty(), Optional.empty(), Optional.of(desc), false, false);
        String xml = f.toElement().toXML().toString();
        assertTrue(xml.contains("name='x&lt;&amp;&apos;"), xml);
        assertFalse(xml.contains("<&"), xml);
        assertTrue(xml.contains("<desc>&lt;/desc>&lt;range/>&amp;amp;</desc>"), xml);
        FileElement back = parse(xml);
        assertEquals(name, back.name());
        assertEquals(Optional.of(desc), back.description());
        assertFalse(back.canResume());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        FileElement f = new FileElement("Ünïcødé 中文 \uD83D\uDE00.txt", Long.MAX_VALUE, Optional.of(MD5),
                Optional.of(Instant.parse("2024-05-06T07:08:09Z")), Optional.of("line 1\nline 2"), true, true);
        assertEquals(f, parse(f.toElement().toXML().toString()));
        assertEquals(f, FileElement.parse(f.toElement()));
    }

    // ---- reading ----

    @Test
    void readsAFullOffer() throws Exception {
        FileElement f = parse("<file xmlns='" + NS + "' name='test.txt' size='1022' hash='552da749930852c69ae5d2141d3766b1'"
                + " date='1969-07-21T02:56:15Z'><desc>This is a test. If this were a real file...</desc><range/></file>");
        assertEquals("test.txt", f.name());
        assertEquals(1022, f.size());
        assertEquals(Optional.of("552da749930852c69ae5d2141d3766b1"), f.md5());
        assertEquals(Optional.of(Instant.parse("1969-07-21T02:56:15Z")), f.date());
        assertEquals(Optional.of("This is a test. If this were a real file..."), f.description());
        assertTrue(f.canResume());
    }

    @Test
    void readsAMinimalOffer() throws Exception {
        FileElement f = parse("<file xmlns='" + NS + "' name='a' size='0'/>");
        assertEquals(new FileElement("a", 0, Optional.empty(), Optional.empty(), Optional.empty(), false, false), f);
    }

    @Test
    void readsEntitiesAndDateOffsets() throws Exception {
        FileElement f = parse("<file xmlns='" + NS + "' name='a&lt;b&gt;&amp;&#10;c' size=' 42 '"
                + " date='2024-01-01T12:00:00.5+02:00'/>");
        assertEquals("a<b>&\nc", f.name());
        assertEquals(42, f.size());
        assertEquals(Optional.of(Instant.parse("2024-01-01T10:00:00.5Z")), f.date());
    }

    @Test
    void aMissingNameIsMalformed() {
        assertMalformed(file(null, "1").build(), "name");
        assertMalformed(file("  ", "1").build(), "name");
        assertMalformed(file("", "1").build(), "name");
    }

    @Test
    void aMissingSizeIsAnEmptyFileAsSmackOffersOne() throws Exception {
        assertEquals(0, FileElement.parse(file("a", null).build()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-9223372036854775808", "abc", "", " ", "1.5", "1e3", "0x10", "12abc",
        "9223372036854775808", "99999999999999999999999999999999"})
    void aBadSizeIsMalformed(String size) {
        assertMalformed(file("a", size).build(), "size");
    }

    @Test
    void theLargestSizeIsAccepted() throws Exception {
        assertEquals(Long.MAX_VALUE, FileElement.parse(file("a", "9223372036854775807").build()).size());
    }

    @Test
    void aHugeSizeInXmlIsMalformed() {
        assertThrows(FileElement.Malformed.class,
                () -> parse("<file xmlns='" + NS + "' name='a' size='" + "9".repeat(5000) + "'/>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
        "0123456789abcdef0123456789abcdeg", "", "   ", "d41d8cd98f00b204e9800998ecf8427e<x/>",
        "d41d8cd98f00b204\ne9800998ecf8427e"})
    void aHashThatIsNotMd5HexIsDropped(String hash) throws Exception {
        FileElement f = FileElement.parse(file("a", "1").addAttribute("hash", hash).build());
        assertEquals(Optional.empty(), f.md5());
        assertEquals("a", f.name());
    }

    @Test
    void anUppercaseHashIsLowercased() throws Exception {
        FileElement f = FileElement.parse(file("a", "1").addAttribute("hash", " D41D8CD98F00B204E9800998ECF8427E ")
                .build());
        assertEquals(Optional.of("d41d8cd98f00b204e9800998ecf8427e"), f.md5());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2024-13-45T00:00:00Z", "2024-01-01", "2024-01-01T00:00:00",
        "1700000000", "2024-01-01T25:00:00Z"})
    void aBadDateIsDropped(String date) throws Exception {
        FileElement f = FileElement.parse(file("a", "1").addAttribute("date", date).build());
        assertEquals(Optional.empty(), f.date());
        assertEquals(1, f.size());
    }

    @Test
    void aLongDescriptionIsCut() throws Exception {
        FileElement f = FileElement.parse(file("a", "1").addElement("desc", "d".repeat(100_000)).build());
        assertEquals(Optional.of("d".repeat(FileElement.MAX_DESCRIPTION)), f.description());
    }

    @Test
    void cuttingADescriptionNeverSplitsACharacter() throws Exception {
        String desc = "d".repeat(FileElement.MAX_DESCRIPTION - 1) + "\uD83D\uDE00".repeat(10);
        String kept = FileElement.parse(file("a", "1").addElement("desc", desc).build()).description().orElseThrow();
        assertTrue(kept.length() <= FileElement.MAX_DESCRIPTION);
        assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "ends in half a character");
        assertTrue(desc.startsWith(kept));
    }

    @Test
    void aBlankOrEmptyDescriptionIsNone() throws Exception {
        assertEquals(Optional.empty(), parse("<file xmlns='" + NS + "' name='a' size='1'><desc>  </desc></file>")
                .description());
        assertEquals(Optional.empty(), parse("<file xmlns='" + NS + "' name='a' size='1'><desc/></file>")
                .description());
    }

    @Test
    void anEmptyRangeMeansTheSenderCanResume() throws Exception {
        assertTrue(parse("<file xmlns='" + NS + "' name='a' size='1'><range/></file>").canResume());
        assertFalse(parse("<file xmlns='" + NS + "' name='a' size='1'><desc>x</desc></file>").canResume());
        // a range of another namespace is not the profile's
        assertFalse(parse("<file xmlns='" + NS + "' name='a' size='1'><range xmlns='urn:other'/></file>")
                .canResume());
    }

    @Test
    void unknownAttributesAndChildrenAreIgnored() throws Exception {
        FileElement f = parse("<file xmlns='" + NS + "' name='a' size='1' evil='&lt;x/&gt;'>"
                + "<script>alert(1)</script><desc>ok</desc></file>");
        assertEquals(Optional.of("ok"), f.description());
    }

    @Test
    void anotherElementOrNamespaceIsMalformed() throws Exception {
        assertMalformed(StandardExtensionElement.builder("files", NS).addAttribute("name", "a")
                .addAttribute("size", "1").build(), "file");
        assertMalformed(StandardExtensionElement.builder("file", "http://jabber.org/protocol/si")
                .addAttribute("name", "a").addAttribute("size", "1").build(), "file");
        assertMalformed(Xml.parse("<file xmlns='" + NS + "/extra' name='a' size='1'/>"), "file");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<file xmlns='" + NS + "' name='a' size='1'",
        "<file xmlns='" + NS + "' name='a' size='1'><desc>cut",
        "<file xmlns='" + NS + "' name='a",
        "<file xmlns='" + NS + "' name='a' size='1'><range/>",
        "<file xmlns='" + NS + "' name='a' size='1'></fil>"})
    void truncatedXmlNeverGivesAnOffer(String xml) {
        assertThrows(Exception.class, () -> parse(xml));
    }

    @Test
    void illegalCharactersInXmlAreRefusedByTheParser() {
        assertThrows(Exception.class, () -> parse("<file xmlns='" + NS + "' name='a&#0;b' size='1'/>"));
    }

    private static void assertMalformed(StandardExtensionElement element, String mentions) {
        FileElement.Malformed e = assertThrows(FileElement.Malformed.class, () -> FileElement.parse(element));
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
    }
}
