package io.sift.ibb.internal;

import java.io.IOException;

import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * This bundle's parsers for the ibb namespace, and their place in Smack's JVM-wide ProviderManager.
 *
 * <p>smack-extensions registers its own ibb providers when Smack initialises; received stanzas must
 * become this bundle's classes, so these are registered after Smack initialised (when the first
 * account binds) and replace them. The parsers never reject a peer's values: Smack's default answer
 * to a parsing exception is to close the connection, which would let one malformed block end every
 * transfer of the account. The protocol logic judges the values and answers with the XEP's errors.
 */
final class IbbProviders {

    private final OpenProvider open = new OpenProvider();
    private final DataIqProvider dataIq = new DataIqProvider();
    private final CloseProvider close = new CloseProvider();
    private final DataExtensionProvider dataExtension = new DataExtensionProvider();

    private boolean registered; // guarded by this

    /** Puts this bundle's providers in place (again, if something replaced them meanwhile). */
    synchronized void register() {
        ProviderManager.addIQProvider(IbbOpen.ELEMENT, Ibb.NAMESPACE, open);
        ProviderManager.addIQProvider(DataElement.ELEMENT, Ibb.NAMESPACE, dataIq);
        ProviderManager.addIQProvider(IbbClose.ELEMENT, Ibb.NAMESPACE, close);
        ProviderManager.addExtensionProvider(DataElement.ELEMENT, Ibb.NAMESPACE, dataExtension);
        registered = true;
    }

    /** Removes the providers this instance registered; one another bundle put in their place stays. */
    synchronized void unregister() {
        if (!registered) {
            return;
        }
        registered = false;
        if (same(ProviderManager.getIQProvider(IbbOpen.ELEMENT, Ibb.NAMESPACE), open)) {
            ProviderManager.removeIQProvider(IbbOpen.ELEMENT, Ibb.NAMESPACE);
        }
        if (same(ProviderManager.getIQProvider(DataElement.ELEMENT, Ibb.NAMESPACE), dataIq)) {
            ProviderManager.removeIQProvider(DataElement.ELEMENT, Ibb.NAMESPACE);
        }
        if (same(ProviderManager.getIQProvider(IbbClose.ELEMENT, Ibb.NAMESPACE), close)) {
            ProviderManager.removeIQProvider(IbbClose.ELEMENT, Ibb.NAMESPACE);
        }
        if (same(ProviderManager.getExtensionProvider(DataElement.ELEMENT, Ibb.NAMESPACE), dataExtension)) {
            ProviderManager.removeExtensionProvider(DataElement.ELEMENT, Ibb.NAMESPACE);
        }
    }

    private static boolean same(Object registered, Object ours) {
        return registered == ours;
    }

    static final class OpenProvider extends IqProvider<IbbOpen> {
        @Override
        public IbbOpen parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            IbbOpen open = IbbOpen.received(iqData, parser.getAttributeValue("sid"),
                    parser.getAttributeValue("block-size"), parser.getAttributeValue("stanza"));
            skipToEnd(parser, initialDepth);
            return open;
        }
    }

    static final class CloseProvider extends IqProvider<IbbClose> {
        @Override
        public IbbClose parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            IbbClose close = IbbClose.received(iqData, parser.getAttributeValue("sid"));
            skipToEnd(parser, initialDepth);
            return close;
        }
    }

    static final class DataIqProvider extends IqProvider<IbbDataIq> {
        @Override
        public IbbDataIq parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            return IbbDataIq.received(iqData, parseData(parser, initialDepth));
        }
    }

    static final class DataExtensionProvider extends ExtensionElementProvider<DataElement> {
        @Override
        public DataElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            return parseData(parser, initialDepth);
        }
    }

    /** Reads {@code <data/>} from its start tag to its end tag; a child element makes the payload null. */
    static DataElement parseData(XmlPullParser parser, int initialDepth)
            throws XmlPullParserException, IOException, SmackParsingException {
        String sid = parser.getAttributeValue("sid");
        String seq = parser.getAttributeValue("seq");
        String text = null;
        StringBuilder longText = null; // only when the parser splits the text into several events
        boolean childElement = false;
        while (true) {
            switch (parser.next()) {
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE, ENTITY_REFERENCE -> {
                    String part = parser.getText();
                    if (part == null || part.isEmpty()) {
                        break;
                    }
                    if (text == null) {
                        text = part;
                    } else {
                        if (longText == null) {
                            longText = new StringBuilder(text);
                        }
                        longText.append(part);
                    }
                }
                case START_ELEMENT -> childElement = true;
                case END_ELEMENT -> {
                    if (parser.getDepth() == initialDepth) {
                        CharSequence payload = childElement ? null
                                : longText != null ? longText.toString() : text != null ? text : "";
                        return DataElement.received(sid, seq, payload);
                    }
                }
                case END_DOCUMENT -> throw new SmackParsingException("the data element is truncated");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private static void skipToEnd(XmlPullParser parser, int initialDepth)
            throws XmlPullParserException, IOException, SmackParsingException {
        XmlPullParser.Event event = parser.getEventType();
        while (!(event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("the element is truncated");
            }
            event = parser.next();
        }
    }
}
