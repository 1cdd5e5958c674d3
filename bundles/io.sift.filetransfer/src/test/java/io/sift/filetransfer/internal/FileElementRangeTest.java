package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sift.filetransfer.internal.FileElement.Range;

class FileElementRangeTest {

    private static final String NS = FileElement.NAMESPACE;
    private static final long SIZE = 1000;

    private static Optional<StandardExtensionElement> answer(String rangeAttributes) throws Exception {
        return Optional.of(Xml.parse("<file xmlns='" + NS + "'><range " + rangeAttributes + "/></file>"));
    }

    @Test
    void noAnswerMeansTheWholeFile() throws Exception {
        assertEquals(new Range(0, SIZE), Range.fromAnswer(Optional.empty(), SIZE));
    }

    @Test
    void anAnswerWithoutRangeMeansTheWholeFile() throws Exception {
        assertEquals(new Range(0, SIZE), Range.fromAnswer(Optional.of(Xml.parse("<file xmlns='" + NS + "'/>")), SIZE));
        assertEquals(new Range(0, SIZE), Range.fromAnswer(
                Optional.of(StandardExtensionElement.builder("file", NS).build()), SIZE));
    }

    @Test
    void anEmptyRangeMeansTheWholeFile() throws Exception {
        assertEquals(new Range(0, SIZE), Range.fromAnswer(answer(""), SIZE));
        assertEquals(new Range(0, 0), Range.fromAnswer(answer(""), 0));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "offset='10' length='20'       => 10, 20",
        "offset='10'                   => 10, 990",
        "length='20'                   => 0, 20",
        "offset='0' length='1000'      => 0, 1000",
        "offset='1000'                 => 1000, 0",
        "offset='999' length='1'       => 999, 1",
        "offset=' 5 ' length=' 6 '     => 5, 6",
    })
    void aRangeSelectsPartOfTheFile(String attributes, String expected) throws Exception {
        String[] parts = expected.split(",");
        assertEquals(new Range(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip())),
                Range.fromAnswer(answer(attributes), SIZE));
    }

    @Test
    void aRangeBuiltWithTheBuilderIsRead() throws Exception {
        StandardExtensionElement file = StandardExtensionElement.builder("file", NS)
                .addElement(StandardExtensionElement.builder("range", NS)
                        .addAttribute("offset", "100").addAttribute("length", "50").build())
                .build();
        assertEquals(new Range(100, 50), Range.fromAnswer(Optional.of(file), SIZE));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "offset='1001'                                   => does not fit",
        "offset='-1'                                     => does not fit",
        "length='-1'                                     => does not fit",
        "offset='10' length='991'                        => does not fit",
        "length='1001'                                   => does not fit",
        "offset='9223372036854775807'                    => does not fit",
        "offset='1' length='9223372036854775807'         => does not fit",
        "offset='-9223372036854775808' length='1'        => does not fit",
        "offset='9223372036854775808'                    => not a number",
        "offset='abc'                                    => not a number",
        "length='10.5'                                   => not a number",
        "offset=''                                       => not a number",
        "length='99999999999999999999999999999'          => not a number",
        "offset='1&lt;x/&gt;'                            => not a number",
    })
    void aRangeThatDoesNotFitIsMalformed(String attributes, String says) throws Exception {
        Optional<StandardExtensionElement> answer = answer(attributes);
        FileElement.Malformed e = assertThrows(FileElement.Malformed.class, () -> Range.fromAnswer(answer, SIZE));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void aHugeValueIsAbbreviatedInTheMessage() throws Exception {
        Optional<StandardExtensionElement> answer = answer("offset='" + "7".repeat(10_000) + "'");
        FileElement.Malformed e = assertThrows(FileElement.Malformed.class, () -> Range.fromAnswer(answer, SIZE));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void aRangeOfAnotherNamespaceIsIgnored() throws Exception {
        Optional<StandardExtensionElement> answer = Optional.of(
                Xml.parse("<file xmlns='" + NS + "'><range xmlns='urn:other' offset='5000'/></file>"));
        assertEquals(new Range(0, SIZE), Range.fromAnswer(answer, SIZE));
    }
}
