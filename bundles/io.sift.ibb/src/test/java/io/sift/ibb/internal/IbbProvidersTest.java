package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which class a received ibb stanza becomes, before, while and after this bundle's providers are in place. */
class IbbProvidersTest {

    private static final String NS = "http://jabber.org/protocol/ibb";
    private static final String OPEN = "<iq type='set' id='o1' from='alice@localhost/a' to='bob@localhost/b'>"
            + "<open xmlns='" + NS + "' block-size='4096' sid='s1'/></iq>";
    private static final String DATA = "<iq type='set' id='d1' from='alice@localhost/a' to='bob@localhost/b'>"
            + "<data xmlns='" + NS + "' seq='0' sid='s1'>AAAA</data></iq>";
    private static final String CLOSE = "<iq type='set' id='c1' from='alice@localhost/a' to='bob@localhost/b'>"
            + "<close xmlns='" + NS + "' sid='s1'/></iq>";
    private static final String DATA_MESSAGE = "<message id='m1' from='alice@localhost/a' to='bob@localhost/b'>"
            + "<data xmlns='" + NS + "' seq='0' sid='s1'>AAAA</data></message>";

    /** Stands in for smack-extensions' own provider, which Smack registers at start-up. */
    static final class ForeignOpen extends IQ {
        ForeignOpen(IqData data) {
            super(data, "open", NS);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }

    static final class ForeignOpenProvider extends IqProvider<ForeignOpen> {
        @Override
        public ForeignOpen parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment env)
                throws java.io.IOException, org.jivesoftware.smack.xml.XmlPullParserException {
            while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
                parser.next();
            }
            return new ForeignOpen(iqData);
        }
    }

    @AfterEach
    void cleanUp() {
        ProviderManager.removeIQProvider("open", NS);
        ProviderManager.removeIQProvider("data", NS);
        ProviderManager.removeIQProvider("close", NS);
        ProviderManager.removeExtensionProvider("data", NS);
    }

    @Test
    void registeredProvidersReplaceAForeignOneAndParseIntoThisBundlesClasses() throws Exception {
        ProviderManager.addIQProvider("open", NS, new ForeignOpenProvider());
        assertInstanceOf(ForeignOpen.class, PacketParserUtils.parseStanza(OPEN));

        IbbProviders providers = new IbbProviders();
        providers.register();

        assertInstanceOf(IbbOpen.class, PacketParserUtils.parseStanza(OPEN));
        assertInstanceOf(IbbDataIq.class, PacketParserUtils.parseStanza(DATA));
        assertInstanceOf(IbbClose.class, PacketParserUtils.parseStanza(CLOSE));
        Message message = PacketParserUtils.parseStanza(DATA_MESSAGE);
        assertInstanceOf(DataElement.class, message.getExtensionElement("data", NS));

        providers.unregister();
        Stanza open = PacketParserUtils.parseStanza(OPEN);
        assertFalse(open instanceof IbbOpen || open instanceof ForeignOpen, open.getClass().getName());
        Message after = PacketParserUtils.parseStanza(DATA_MESSAGE);
        assertFalse(after.getExtensionElement("data", NS) instanceof DataElement);
    }

    @Test
    void unregisterLeavesAProviderThatReplacedThisBundlesOwn() throws Exception {
        IbbProviders providers = new IbbProviders();
        providers.register();
        ForeignOpenProvider later = new ForeignOpenProvider();
        ProviderManager.addIQProvider("open", NS, later);

        providers.unregister();

        assertSame(later, (Object) ProviderManager.getIQProvider("open", NS));
        assertInstanceOf(ForeignOpen.class, PacketParserUtils.parseStanza(OPEN));
        Stanza data = PacketParserUtils.parseStanza(DATA);
        assertFalse(data instanceof IbbDataIq, data.getClass().getName());
    }
}
