package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.impl.JidCreate;

/** The ibb elements as they arrive (parsed by this bundle's providers) and as they are sent. */
class IbbElementsTest {

    private static final String NS = "http://jabber.org/protocol/ibb";
    private static final IbbProviders PROVIDERS = new IbbProviders();

    @BeforeAll
    static void registerProviders() {
        PROVIDERS.register();
    }

    @AfterAll
    static void unregisterProviders() {
        PROVIDERS.unregister();
    }

    private static <S extends Stanza> S parse(String xml) throws Exception {
        return PacketParserUtils.parseStanza(xml);
    }

    private static IbbOpen open(String attributes) throws Exception {
        return assertInstanceOf(IbbOpen.class, parse("<iq type='set' id='o1' from='alice@localhost/a' "
                + "to='bob@localhost/b'><open xmlns='" + NS + "' " + attributes + "/></iq>"));
    }

    private static DataElement data(String attributes, String content) throws Exception {
        IbbDataIq iq = assertInstanceOf(IbbDataIq.class, parse("<iq type='set' id='d1' from='alice@localhost/a' "
                + "to='bob@localhost/b'><data xmlns='" + NS + "' " + attributes + ">" + content + "</data></iq>"));
        return iq.data();
    }

    @Test
    void openIsParsedWithItsAttributesAndAddressing() throws Exception {
        IbbOpen open = open("block-size='4096' sid='i781hf64' stanza='iq'");
        assertEquals("i781hf64", open.sid());
        assertEquals(4096, open.blockSize());
        assertEquals(Optional.of(DataStanza.IQ), open.stanza());
        assertEquals(IQ.Type.set, open.getType());
        assertEquals("o1", open.getStanzaId());
        assertEquals("alice@localhost/a", open.getFrom().toString());
    }

    @Test
    void openWithoutStanzaAttributeMeansIq() throws Exception {
        assertEquals(Optional.of(DataStanza.IQ), open("block-size='4096' sid='s'").stanza());
        assertEquals(Optional.of(DataStanza.MESSAGE), open("block-size='4096' sid='s' stanza='message'").stanza());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MESSAGE", "Iq", "presence", "", " iq"})
    void openWithUnknownStanzaValueHasNone(String value) throws Exception {
        assertEquals(Optional.empty(), open("block-size='4096' sid='s' stanza='" + value + "'").stanza());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "block-size='1'|1",
        "block-size='65535'|65535",
        "block-size='0004096'|4096",
        "block-size='99999999999'|2147483647",
        "block-size='2147483648'|2147483647"})
    void blockSizeNumbersSaturateInsteadOfOverflowing(String attribute, int expected) throws Exception {
        assertEquals(expected, open(attribute + " sid='s'").blockSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"block-size='0'", "block-size='-1'", "block-size=''", "block-size='abc'",
        "block-size='+5'", "block-size=' 5'", "block-size='4096.0'", "block-size='0x10'", "block-size='&#10;5'", ""})
    void malformedOrMissingBlockSizeIsNotPositive(String attribute) throws Exception {
        assertTrue(open(attribute + " sid='s'").blockSize() <= 0);
    }

    @Test
    void missingSidIsNull() throws Exception {
        assertNull(open("block-size='4096'").sid());
        assertNull(data("seq='0'", "AAAA").sid());
        IbbClose close = assertInstanceOf(IbbClose.class,
                parse("<iq type='set' id='c1' from='a@b/c'><close xmlns='" + NS + "'/></iq>"));
        assertNull(close.sid());
    }

    @Test
    void injectedXmlInAnAttributeStaysText() throws Exception {
        IbbOpen open = open("block-size='4096' sid='x&apos;/&gt;&lt;evil xmlns=&apos;urn:e&apos;/&gt;'");
        assertEquals("x'/><evil xmlns='urn:e'/>", open.sid());
        String xml = open.toXML().toString();
        assertFalse(xml.contains("<evil"), xml);
        // what is sent again parses back to the same value
        IbbOpen again = assertInstanceOf(IbbOpen.class, parse(xml));
        assertEquals(open.sid(), again.sid());
    }

    @Test
    void openIsBuiltAsTheXepShowsIt() throws Exception {
        IbbOpen open = IbbOpen.request("s1", 4096, DataStanza.MESSAGE);
        open.setTo(JidCreate.from("bob@localhost/b"));
        String xml = open.toXML().toString();
        assertTrue(xml.contains("<open xmlns='" + NS + "' block-size='4096' sid='s1' stanza='message'/>"), xml);
        assertTrue(xml.contains("type='set'"), xml);
        IbbOpen parsed = assertInstanceOf(IbbOpen.class, parse(xml));
        assertEquals(4096, parsed.blockSize());
        assertEquals(Optional.of(DataStanza.MESSAGE), parsed.stanza());
    }

    @Test
    void closeIsBuiltAndParsed() throws Exception {
        IbbClose close = IbbClose.request("s1");
        String xml = close.toXML().toString();
        assertTrue(xml.contains("<close xmlns='" + NS + "' sid='s1'/>"), xml);
        assertEquals("s1", assertInstanceOf(IbbClose.class, parse(xml)).sid());
    }

    @Test
    void dataIqIsBuiltWithTheEncodedBlockAndParsedBack() throws Exception {
        byte[] block = {0, 1, 2, (byte) 0xFF, (byte) 0xFE};
        IbbDataIq iq = IbbDataIq.request(DataElement.outgoing("s1", 7, new BlockEncoder().encode(ByteBuffer.wrap(block))));
        String xml = iq.toXML().toString();
        assertTrue(xml.contains("<data xmlns='" + NS + "' seq='7' sid='s1'>AAEC//4=</data>"), xml);
        DataElement parsed = assertInstanceOf(IbbDataIq.class, parse(xml)).data();
        assertEquals(7, parsed.seq());
        assertEquals("s1", parsed.sid());
        assertEquals("AAEC//4=", parsed.payload().toString());
    }

    @Test
    void emptyDataHasAnEmptyPayload() throws Exception {
        assertEquals("", data("seq='0' sid='s'", "").payload().toString());
        IbbDataIq iq = assertInstanceOf(IbbDataIq.class,
                parse("<iq type='set' id='d' from='a@b/c'><data xmlns='" + NS + "' seq='0' sid='s'/></iq>"));
        assertEquals("", iq.data().payload().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "65535|65535", "00001|1", "-1|-1", "65536|-1",
        "99999999999|-1", "abc|-1", "1.0|-1", "' 1'|-1", "''|-1"})
    void seqOutsideSixteenBitsIsInvalid(String raw, int expected) throws Exception {
        assertEquals(expected, data("seq='" + raw + "' sid='s'", "AAAA").seq());
    }

    @Test
    void missingSeqIsInvalid() throws Exception {
        assertEquals(-1, data("sid='s'", "AAAA").seq());
    }

    @Test
    void childElementInsideDataLeavesNoPayload() throws Exception {
        DataElement data = data("seq='0' sid='s'", "AA<x xmlns='urn:x'>AA</x>AA");
        assertNull(data.payload());
        assertThrows(Base64Block.RejectedException.class, () -> DecodedBlock.of(data.payload(), 100));
    }

    @Test
    void whitespaceAndEntitiesInDataAreKeptForTheDecoder() throws Exception {
        DataElement data = data("seq='0' sid='s'", "AAAA\n AAAA&#x9;AAAA&#13;\n");
        assertEquals("AAAA\n AAAA\tAAAA\r\n", data.payload().toString());
        assertEquals(9, DecodedBlock.of(data.payload(), 100).length);
    }

    @Test
    void hugeBase64IsParsedAndThenRefusedAsTooLong() throws Exception {
        String huge = "QUFB".repeat(1 << 18); // 1 MiB of base64
        DataElement data = data("seq='0' sid='s'", huge);
        assertEquals(huge.length(), data.payload().length());
        Base64Block.RejectedException e = assertThrows(Base64Block.RejectedException.class,
                () -> DecodedBlock.of(data.payload(), Ibb.MAX_BLOCK_SIZE));
        assertEquals(Base64Block.Problem.TOO_LONG, e.problem());
    }

    @Test
    void errorAnswerToDataDoesNotEchoThePayload() throws Exception {
        IbbDataIq iq = assertInstanceOf(IbbDataIq.class, parse("<iq type='set' id='d1' from='alice@localhost/a' "
                + "to='bob@localhost/b'><data xmlns='" + NS + "' seq='0' sid='s'>SECRETSECRET</data></iq>"));
        String xml = IbbErrors.badRequest(iq.withoutPayload()).toXML().toString();
        assertFalse(xml.contains("SECRET"), xml);
        assertTrue(xml.contains("id='d1'") && xml.contains("to='alice@localhost/a'") && xml.contains("bad-request"), xml);
    }

    @Test
    void dataInAMessageIsThisBundlesExtension() throws Exception {
        Message message = parse("<message from='alice@localhost/a' to='bob@localhost/b' id='m1'>"
                + "<data xmlns='" + NS + "' seq='3' sid='s'>AAAA</data></message>");
        DataElement data = assertInstanceOf(DataElement.class, message.getExtensionElement("data", NS));
        assertEquals(3, data.seq());
        assertEquals("AAAA", data.payload().toString());
    }

    @Test
    void dataMessageIsBuiltAndParsedBack() throws Exception {
        DataElement data = DataElement.outgoing("s", 65535, new BlockEncoder().encode(ByteBuffer.wrap(new byte[] {42})));
        Message message = StanzaBuilder.buildMessage().to("bob@localhost/b").addExtension(data).build();
        Message parsed = parse(message.toXML().toString());
        DataElement back = assertInstanceOf(DataElement.class, parsed.getExtensionElement("data", NS));
        assertEquals(65535, back.seq());
        assertEquals("Kg==", back.payload().toString());
    }

    @Test
    void elementsOfAnotherNamespaceAreNotIbb() throws Exception {
        Stanza iq = parse("<iq type='set' id='o1' from='a@b/c'><open xmlns='urn:other' block-size='4096' sid='s'/></iq>");
        assertFalse(iq instanceof IbbOpen, iq.getClass().getName());
        Message message = parse("<message from='a@b/c' id='m'><data xmlns='urn:other' seq='0' sid='s'>AAAA</data></message>");
        assertFalse(message.getExtensionElement("data", "urn:other") instanceof DataElement);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<iq type='set' id='o1' from='a@b/c'><open xmlns='" + NS + "' block-size='4096' sid='s'",
        "<iq type='set' id='o1' from='a@b/c'><open xmlns='" + NS + "' block-size='4096' sid='s'>",
        "<iq type='set' id='d1' from='a@b/c'><data xmlns='" + NS + "' seq='0' sid='s'>AAAA",
        "<iq type='set' id='d1' from='a@b/c'><data xmlns='" + NS + "' seq='0' sid='s'>AAAA</data>",
        "<message from='a@b/c' id='m'><data xmlns='" + NS + "' seq='0' sid='s'>AA",
        "<iq type='set' id='c1' from='a@b/c'><close xmlns='" + NS + "' sid='s"})
    void truncatedStanzasFailToParse(String xml) {
        assertThrows(Exception.class, () -> parse(xml));
    }
}
