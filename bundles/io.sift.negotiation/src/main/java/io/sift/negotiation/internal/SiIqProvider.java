package io.sift.negotiation.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads {@code <si xmlns='http://jabber.org/protocol/si'/>} leniently.
 *
 * <p>It never throws for content it does not like: Smack's default reaction to a provider exception
 * is to close the whole connection, so one odd offer from a peer would take the account offline.
 * Whatever cannot be understood is recorded in {@link SiIq#malformation()} instead and earns the
 * sender a bad-request. Only broken XML (which the stream parser would reject first) throws.
 */
final class SiIqProvider extends IqProvider<SiIq> {

    /** Deeper payloads are refused: the generic parse recurses, and no profile nests that deep. */
    static final int MAX_PAYLOAD_DEPTH = 32;

    /** A method namespace or similar value longer than this is junk, not a candidate. */
    static final int MAX_VALUE_LENGTH = 1024;

    @Override
    public SiIq parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return parseSi(parser, initialDepth);
    }

    /**
     * The {@code <si/>} child of {@code iq} as an {@link SiIq}: {@code iq} itself if this provider
     * parsed it, otherwise the child's XML read again (when Smack's own provider, or none, was in
     * place). Empty when {@code iq} has no such child or its XML cannot be read.
     */
    Optional<SiIq> asSi(IQ iq) {
        if (iq instanceof SiIq si) {
            return Optional.of(si);
        }
        if (!SiNamespaces.SI_ELEMENT.equals(iq.getChildElementName())
                || !SiNamespaces.SI.equals(iq.getChildElementNamespace())) {
            return Optional.empty();
        }
        // an UnparsedIQ writes its content escaped, so its XML is taken from the content itself
        CharSequence xml = iq instanceof UnparsedIQ unparsed ? unparsed.getContent() : iq.getChildElementXML();
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml.toString());
            if (!SiNamespaces.SI_ELEMENT.equals(parser.getName()) || !SiNamespaces.SI.equals(parser.getNamespace())) {
                return Optional.empty();
            }
            SiIq si = parseSi(parser, parser.getDepth());
            si.setType(iq.getType());
            si.setStanzaId(iq.getStanzaId());
            si.setFrom(iq.getFrom());
            si.setTo(iq.getTo());
            return Optional.of(si);
        } catch (XmlPullParserException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the element the parser is on (its start tag, at {@code initialDepth}) up to its end tag. */
    SiIq parseSi(XmlPullParser parser, int initialDepth) throws XmlPullParserException, IOException {
        String sid = parser.getAttributeValue("id");
        String mimeType = parser.getAttributeValue("mime-type");
        String profile = parser.getAttributeValue("profile");
        List<StandardExtensionElement> payloads = new ArrayList<>();
        StreamMethodForm form = null;
        boolean featureSeen = false;
        String malformation = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new XmlPullParserException("document ended inside <si/>");
            }
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
            if (event != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            int childDepth = parser.getDepth();
            if (isFeatureNegotiation(parser)) {
                if (!featureSeen) {
                    form = parseFeature(parser, childDepth);
                    featureSeen = true;
                } else {
                    skipTo(parser, childDepth);
                }
                continue;
            }
            try {
                payloads.add(parsePayload(parser, childDepth, 1));
            } catch (TooDeep e) {
                skipTo(parser, childDepth);
                malformation = "payload nested deeper than " + MAX_PAYLOAD_DEPTH + " levels";
            } catch (IllegalArgumentException e) {
                // Smack's element builder refuses some odd names (an empty namespace, say)
                skipTo(parser, childDepth);
                malformation = "unusable payload element: " + XmlText.printable(e.getMessage(), 100);
            }
        }
        return new SiIq(sid, mimeType, profile, payloads, form, malformation);
    }

    /**
     * A {@code <feature/>} in the feature-neg namespace, or one without a namespace of its own (it then
     * inherits si's): some senders leave it out, and Smack's UnparsedIQ drops the declarations of
     * children. A {@code <feature/>} in any other namespace is payload.
     */
    private static boolean isFeatureNegotiation(XmlPullParser parser) {
        return SiNamespaces.FEATURE_ELEMENT.equals(parser.getName())
                && (SiNamespaces.FEATURE_NEG.equals(parser.getNamespace()) || SiNamespaces.SI.equals(parser.getNamespace()));
    }

    /** A data form {@code <x/>}, or one that only inherits its parent's namespace (see above). */
    private static boolean isDataForm(XmlPullParser parser) {
        String namespace = parser.getNamespace();
        return SiNamespaces.FORM_ELEMENT.equals(parser.getName())
                && (SiNamespaces.DATA_FORMS.equals(namespace) || SiNamespaces.FEATURE_NEG.equals(namespace)
                        || SiNamespaces.SI.equals(namespace));
    }

    /** A feature element; null when it holds no data form. Later forms are ignored. */
    private static StreamMethodForm parseFeature(XmlPullParser parser, int depth)
            throws XmlPullParserException, IOException {
        StreamMethodForm form = null;
        for (XmlPullParser.Event e = parser.next(); !isEndOf(parser, e, depth); e = parser.next()) {
            if (e == XmlPullParser.Event.START_ELEMENT) {
                int formDepth = parser.getDepth();
                if (form == null && isDataForm(parser)) {
                    form = parseForm(parser, formDepth);
                } else {
                    skipTo(parser, formDepth);
                }
            }
        }
        return form;
    }

    private static StreamMethodForm parseForm(XmlPullParser parser, int depth)
            throws XmlPullParserException, IOException {
        String type = parser.getAttributeValue("type");
        boolean hasField = false;
        List<String> options = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (XmlPullParser.Event e = parser.next(); !isEndOf(parser, e, depth); e = parser.next()) {
            if (e != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            int fieldDepth = parser.getDepth();
            if (!hasField && "field".equals(parser.getName())
                    && SiNamespaces.STREAM_METHOD_FIELD.equals(parser.getAttributeValue("var"))) {
                hasField = true;
                parseField(parser, fieldDepth, options, values);
            } else {
                skipTo(parser, fieldDepth);
            }
        }
        return new StreamMethodForm(type, hasField, options, values);
    }

    private static void parseField(XmlPullParser parser, int depth, List<String> options, List<String> values)
            throws XmlPullParserException, IOException {
        for (XmlPullParser.Event e = parser.next(); !isEndOf(parser, e, depth); e = parser.next()) {
            if (e != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            int childDepth = parser.getDepth();
            if ("value".equals(parser.getName())) {
                readValue(parser, childDepth).ifPresent(values::add);
            } else if ("option".equals(parser.getName())) {
                for (XmlPullParser.Event o = parser.next(); !isEndOf(parser, o, childDepth); o = parser.next()) {
                    if (o == XmlPullParser.Event.START_ELEMENT) {
                        int valueDepth = parser.getDepth();
                        if ("value".equals(parser.getName())) {
                            readValue(parser, valueDepth).ifPresent(options::add);
                        } else {
                            skipTo(parser, valueDepth);
                        }
                    }
                }
            } else {
                skipTo(parser, childDepth);
            }
        }
    }

    /** The text of a value element, stripped; empty when blank or too long to be a namespace. */
    private static Optional<String> readValue(XmlPullParser parser, int depth)
            throws XmlPullParserException, IOException {
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        for (XmlPullParser.Event e = parser.next(); !isEndOf(parser, e, depth); e = parser.next()) {
            if (e == XmlPullParser.Event.TEXT_CHARACTERS && !tooLong) {
                text.append(parser.getText());
                tooLong = text.length() > MAX_VALUE_LENGTH;
            }
        }
        String value = text.toString().strip();
        return tooLong || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Any element, kept as it is: name, namespace, attributes (prefixed ones with their prefix),
     * children and text. Whitespace between child elements is layout, not text, and is dropped.
     */
    private static StandardExtensionElement parsePayload(XmlPullParser parser, int depth, int level)
            throws XmlPullParserException, IOException, TooDeep {
        if (level > MAX_PAYLOAD_DEPTH) {
            throw new TooDeep();
        }
        StandardExtensionElement.Builder builder = StandardExtensionElement.builder(parser.getName(),
                parser.getNamespace());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < parser.getNamespaceCount(); i++) {
            String prefix = parser.getNamespacePrefix(i);
            if (prefix != null && !prefix.isEmpty()) {
                attributes.put("xmlns:" + prefix, parser.getNamespaceUri(i));
            }
        }
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String prefix = parser.getAttributePrefix(i);
            String name = parser.getAttributeName(i);
            attributes.put(prefix == null || prefix.isEmpty() ? name : prefix + ':' + name, parser.getAttributeValue(i));
        }
        builder.addAttributes(attributes);
        StringBuilder text = new StringBuilder();
        boolean hasChildren = false;
        for (XmlPullParser.Event e = parser.next(); !isEndOf(parser, e, depth); e = parser.next()) {
            if (e == XmlPullParser.Event.START_ELEMENT) {
                builder.addElement(parsePayload(parser, parser.getDepth(), level + 1));
                hasChildren = true;
            } else if (e == XmlPullParser.Event.TEXT_CHARACTERS) {
                text.append(parser.getText());
            }
        }
        if (text.length() > 0 && !(hasChildren && text.toString().isBlank())) {
            builder.setText(text.toString());
        }
        return builder.build();
    }

    /** Moves to the end tag at {@code depth}; unlike Smack's ParserUtils.forwardToEndTagOfDepth it stops at a truncated document. */
    private static void skipTo(XmlPullParser parser, int depth) throws XmlPullParserException, IOException {
        for (XmlPullParser.Event e = parser.getEventType(); !isEndOf(parser, e, depth); e = parser.next()) {
            // skipping
        }
    }

    private static boolean isEndOf(XmlPullParser parser, XmlPullParser.Event event, int depth)
            throws XmlPullParserException {
        if (event == XmlPullParser.Event.END_DOCUMENT) {
            throw new XmlPullParserException("document ended inside an element");
        }
        return event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth;
    }

    /** Thrown inside the payload parse only; carries no stack trace because it is control flow. */
    private static final class TooDeep extends Exception {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }
}
