package io.sift.tools.smackpeer;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;

/** Stanzas from XML text through Smack's own parser and providers, as a connection would read them. */
final class StanzaXml {

    private StanzaXml() {
    }

    @SuppressWarnings("unchecked")
    static <S extends Stanza> S parse(CharSequence xml) throws Exception {
        return (S) PacketParserUtils.parseStanza(PacketParserUtils.getParserFor(xml.toString()), XmlEnvironment.EMPTY);
    }
}
