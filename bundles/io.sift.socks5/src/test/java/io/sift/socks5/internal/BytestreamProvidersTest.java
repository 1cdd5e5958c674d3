package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which class a received bytestreams query becomes, before, while and after this bundle's provider is in place. */
class BytestreamProvidersTest {

    private static final String NS = BytestreamQueryTest.NS;
    private static final String OFFER = "<iq type='set' id='q1' from='alice@localhost/a' to='bob@localhost/b'>"
            + "<query xmlns='" + NS + "' sid='s1'><streamhost jid='j' host='h' port='not a number'/></query></iq>";

    /** Stands in for smack-extensions' own provider, which Smack registers at start-up. */
    static final class ForeignQuery extends IQ {
        ForeignQuery(IqData data) {
            super(data, "query", NS);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }

    static final class ForeignProvider extends IqProvider<ForeignQuery> {
        @Override
        public ForeignQuery parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment env)
                throws java.io.IOException, org.jivesoftware.smack.xml.XmlPullParserException {
            while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
                parser.next();
            }
            return new ForeignQuery(iqData);
        }
    }

    @AfterEach
    void cleanUp() {
        ProviderManager.removeIQProvider("query", NS);
    }

    @Test
    void registeredProviderReplacesAForeignOneAndParsesHostileValuesWithoutFailing() throws Exception {
        ProviderManager.addIQProvider("query", NS, new ForeignProvider());
        assertInstanceOf(ForeignQuery.class, PacketParserUtils.parseStanza(OFFER));

        BytestreamProviders providers = new BytestreamProviders();
        providers.register();
        assertInstanceOf(BytestreamQuery.class, PacketParserUtils.parseStanza(OFFER));

        providers.unregister();
        Stanza after = PacketParserUtils.parseStanza("<iq type='result' id='q1'><query xmlns='" + NS + "'/></iq>");
        assertFalse(after instanceof BytestreamQuery || after instanceof ForeignQuery, after.getClass().getName());
    }

    @Test
    void unregisterLeavesAProviderThatReplacedThisBundlesOwn() throws Exception {
        BytestreamProviders providers = new BytestreamProviders();
        providers.register();
        ForeignProvider later = new ForeignProvider();
        ProviderManager.addIQProvider("query", NS, later);

        providers.unregister();

        assertSame(later, (Object) ProviderManager.getIQProvider("query", NS));
        assertInstanceOf(ForeignQuery.class, PacketParserUtils.parseStanza(OFFER));
    }
}
