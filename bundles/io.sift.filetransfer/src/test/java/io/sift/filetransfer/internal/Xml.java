package io.sift.filetransfer.internal;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;

/** Reads XML text into an element with Smack's own parser, as a received stanza would be. */
final class Xml {

    private Xml() {
    }

    static StandardExtensionElement parse(String xml) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml);
        return StandardExtensionElementProvider.INSTANCE.parse(parser);
    }
}
