package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.sift.api.FailureReason;

/** The checksum request and the verdict as they go over the wire, well-formed, odd and hostile. */
class FileCheckWireTest {

    private static final String NS = FileCheck.NAMESPACE;
    private static final String SHA = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
    private final ChecksumProvider provider = new ChecksumProvider();

    @BeforeEach
    void register() {
        provider.register();
    }

    @AfterEach
    void unregister() {
        provider.unregister();
        assertNull(ProviderManager.getIQProvider(FileCheck.CHECKSUM, NS), "the provider is removed again");
    }

    private static Stanza parse(String child) throws Exception {
        return PacketParserUtils.parseStanza("<iq type='set' id='c1' from='alice@localhost/a' to='bob@localhost/b'>"
                + child + "</iq>");
    }

    @Test
    void whatIsSentReadsBack() throws Exception {
        ChecksumIq sent = ChecksumIq.to(org.jxmpp.jid.impl.JidCreate.fromOrThrowUnchecked("bob@localhost/b"), "s-1",
                Optional.of(SHA));
        String xml = sent.toXML().toString();
        Stanza read = PacketParserUtils.parseStanza(xml.replace("<iq ", "<iq from='alice@localhost/a' "));
        ChecksumIq back = assertInstanceOf(ChecksumIq.class, read);
        assertEquals("s-1", back.sid());
        assertEquals(Optional.of(SHA), back.sha256());
    }

    @Test
    void aQuestionWithoutHashReadsAsSuch() throws Exception {
        ChecksumIq read = assertInstanceOf(ChecksumIq.class, parse("<checksum xmlns='" + NS + "' sid='x'/>"));
        assertEquals(Optional.empty(), read.sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<checksum xmlns='" + NS + "'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AAAA</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><hash xmlns='urn:xmpp:hashes:2' algo='md5'>q83vEjRWeJA=</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><hash xmlns='urn:xmpp:hashes:1' algo='sha-256'>AAAA</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>!!not base64!!</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AAAA</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'><b>x</b>AAAA</hash></checksum>",
        "<checksum xmlns='" + NS + "' sid='x'><deep><deeper><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'/></deeper></deep></checksum>",
        "<checksum xmlns='" + NS + "' sid=''/>"})
    void oddRequestsParseWithoutAReadableHashAndNeverThrow(String child) throws Exception {
        ChecksumIq read = assertInstanceOf(ChecksumIq.class, parse(child));
        assertEquals(Optional.empty(), read.sha256(), child);
    }

    @Test
    void aSeededFuzzOfTheRequestNeverThrowsAnythingButXmlErrors() throws Exception {
        String valid = "<checksum xmlns='" + NS + "' sid='s'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>"
                + Base64.getEncoder().encodeToString(new byte[32]) + "</hash></checksum>";
        Random random = new Random(20261202);
        String alphabet = "<>/='\"&; abcxyz0123456789+=\u00e9\u0000";
        for (int i = 0; i < 2000; i++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int m = random.nextInt(4) + 1; m > 0; m--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                Stanza read = parse(mutated.toString());
                if (read instanceof ChecksumIq checksum) {
                    checksum.sha256().ifPresent(h -> assertEquals(64, h.length()));
                }
            } catch (org.jivesoftware.smack.xml.XmlPullParserException | org.jivesoftware.smack.parsing.SmackParsingException
                    | java.io.IOException | IllegalArgumentException notXml) {
                // malformed XML is the stream's business (Smack ends a stream that is not XML), not the provider's
            }
        }
    }

    @Test
    void verdictsSurviveTheWire() throws Exception {
        ChecksumIq question = (ChecksumIq) parse("<checksum xmlns='" + NS + "' sid='x'/>");
        for (CheckVerdict verdict : new CheckVerdict[] {new CheckVerdict.Confirmed(),
            new CheckVerdict.Refused(FailureReason.LOCAL_IO, "No space left on device"),
            new CheckVerdict.Refused(null, "cancelled by the receiver")}) {
            IQ answer = CheckVerdict.answer(question, verdict);
            IQ read = (IQ) PacketParserUtils.parseStanza(answer.toXML().toString());
            assertEquals(verdict, CheckVerdict.of(read));
        }
        IQ unknown = (IQ) PacketParserUtils.parseStanza(CheckVerdict.answer(question,
                new CheckVerdict.Unanswered("no transfer")).toXML().toString());
        assertInstanceOf(CheckVerdict.Unanswered.class, CheckVerdict.of(unknown));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<iq type='error' id='c1'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
        "<iq type='error' id='c1'><error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<failed xmlns='" + NS + "'/></error></iq>",
        "<iq type='result' id='c1' from='x@y/z'><checksum xmlns='" + NS + "'/></iq>"})
    void anythingButAClearVerdictIsNoVerdict(String xml) throws Exception {
        CheckVerdict verdict = CheckVerdict.of((IQ) PacketParserUtils.parseStanza(xml));
        if (xml.contains("type='result'")) {
            // a result is a confirmation whatever it carries
            assertInstanceOf(CheckVerdict.Confirmed.class, verdict);
        } else {
            assertInstanceOf(CheckVerdict.Unanswered.class, verdict);
        }
    }

    @Test
    void anUnknownReasonIsStillARefusal() throws Exception {
        IQ read = (IQ) PacketParserUtils.parseStanza("<iq type='error' id='c1'><error type='cancel'>"
                + "<undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><failed xmlns='" + NS
                + "' reason='SOLAR_FLARE'/></error></iq>");
        CheckVerdict.Refused refused = assertInstanceOf(CheckVerdict.Refused.class, CheckVerdict.of(read));
        assertEquals(FailureReason.PROTOCOL_ERROR, refused.reason());
    }
}
