package io.sift.socks5.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * This bundle's parser for the bytestreams {@code <query/>}, and its place in Smack's JVM-wide
 * ProviderManager.
 *
 * <p>smack-extensions registers its own bytestreams provider when Smack initialises; received
 * stanzas must become {@link BytestreamQuery}, so this one is registered after Smack initialised
 * (when the first account binds) and replaces it. The parser never rejects a peer's values: Smack
 * would close the connection on a parsing exception (the stock provider throws on a non-numeric
 * port), which would let one hostile offer end every transfer of the account.
 */
final class BytestreamProviders {

    private final QueryProvider query = new QueryProvider();

    private boolean registered; // guarded by this

    /** Puts this bundle's provider in place (again, if something replaced it meanwhile). */
    synchronized void register() {
        ProviderManager.addIQProvider(Bytestreams.QUERY, Bytestreams.NAMESPACE, query);
        registered = true;
    }

    /** Removes the provider this instance registered; one another bundle put in its place stays. */
    synchronized void unregister() {
        if (!registered) {
            return;
        }
        registered = false;
        if ((Object) ProviderManager.getIQProvider(Bytestreams.QUERY, Bytestreams.NAMESPACE) == query) {
            ProviderManager.removeIQProvider(Bytestreams.QUERY, Bytestreams.NAMESPACE);
        }
    }

    static final class QueryProvider extends IqProvider<BytestreamQuery> {
        @Override
        public BytestreamQuery parse(XmlPullParser parser, int initialDepth, IqData iqData,
                XmlEnvironment xmlEnvironment) throws XmlPullParserException, IOException, SmackParsingException {
            String sid = parser.getAttributeValue("sid");
            String mode = parser.getAttributeValue("mode");
            List<BytestreamQuery.RawStreamhost> streamhosts = new ArrayList<>();
            String used = null;
            String activate = null;
            StringBuilder activateText = null; // while inside <activate/>
            while (true) {
                switch (parser.next()) {
                    case START_ELEMENT -> {
                        // only the query's own children in its own namespace count
                        if (parser.getDepth() != initialDepth + 1
                                || !Bytestreams.NAMESPACE.equals(parser.getNamespace())) {
                            break;
                        }
                        switch (parser.getName()) {
                            case BytestreamQuery.STREAMHOST -> streamhosts.add(new BytestreamQuery.RawStreamhost(
                                    parser.getAttributeValue("jid"), parser.getAttributeValue("host"),
                                    parser.getAttributeValue("port")));
                            case BytestreamQuery.STREAMHOST_USED -> {
                                if (used == null) {
                                    used = parser.getAttributeValue("jid");
                                }
                            }
                            case BytestreamQuery.ACTIVATE -> {
                                if (activate == null) {
                                    activateText = new StringBuilder();
                                }
                            }
                            default -> {
                                // e.g. <fast/> of old proxies: nothing this side uses
                            }
                        }
                    }
                    case TEXT_CHARACTERS, ENTITY_REFERENCE -> {
                        if (activateText != null && parser.getDepth() == initialDepth + 1) {
                            activateText.append(parser.getText());
                        }
                    }
                    case END_ELEMENT -> {
                        if (parser.getDepth() == initialDepth) {
                            return BytestreamQuery.received(iqData, sid, mode, streamhosts, used, activate);
                        }
                        if (activateText != null && parser.getDepth() == initialDepth + 1) {
                            activate = activateText.toString().strip();
                            activateText = null;
                        }
                    }
                    case END_DOCUMENT -> throw new SmackParsingException("the bytestreams query is truncated");
                    default -> {
                        // comments, processing instructions, whitespace: nothing to keep
                    }
                }
            }
        }
    }
}
