package io.sift.common;

import java.io.IOException;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.stringprep.XmppStringprepException;

/** Stanzas written as they go on the wire and read back by this side's parsers, as a peer's would arrive. */
public final class RoundTrip {

    private RoundTrip() {
    }

    /** {@code iq} as {@code provider} reads it from the XML it is sent as. */
    public static <I extends IQ> I iq(IQ iq, IqProvider<I> provider)
            throws XmlPullParserException, IOException, SmackParsingException, XmppStringprepException {
        XmlPullParser parser = PacketParserUtils.getParserFor(iq.toXML().toString());
        IqData iqData = PacketParserUtils.parseIqData(parser);
        parser.nextTag();
        return provider.parse(parser, iqData);
    }
}
