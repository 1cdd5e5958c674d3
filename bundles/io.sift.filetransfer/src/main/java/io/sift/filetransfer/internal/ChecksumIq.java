package io.sift.filetransfer.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.jid.Jid;

/**
 * {@code <checksum xmlns='https://sift.io/protocol/file-check' sid='…'/>} (see {@link FileCheck}): the
 * sender's SHA-256 of the file it sent on a stream, or, without a hash, its question how the
 * transfer ended.
 */
final class ChecksumIq extends IQ {

    private final String sid;
    private final Optional<String> sha256;

    /** @param sha256 lower-case hex */
    ChecksumIq(String sid, Optional<String> sha256) {
        super(FileCheck.CHECKSUM, FileCheck.NAMESPACE);
        this.sid = sid;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    static ChecksumIq to(Jid peer, String sid, Optional<String> sha256) {
        ChecksumIq iq = new ChecksumIq(Objects.requireNonNull(sid, "sid"), sha256);
        iq.setType(Type.set);
        iq.setTo(peer);
        return iq;
    }

    /** The stream id as received; null if the element had none. */
    String sid() {
        return sid;
    }

    /** The SHA-256 (lower-case hex); empty if none was sent or it was not a readable SHA-256. */
    Optional<String> sha256() {
        return sha256;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.optAttribute("sid", sid);
        if (sha256.isEmpty()) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        xml.halfOpenElement("hash").xmlnsAttribute(FileCheck.HASHES_NAMESPACE).attribute("algo", FileCheck.SHA_256)
                .rightAngleBracket();
        xml.append(FileCheck.base64OfHex(sha256.get()));
        xml.closeElement("hash");
        return xml;
    }

    /**
     * Reads a checksum request. It never rejects a peer's values (Smack's answer to a parsing error is
     * to close the whole connection): a missing sid or an unreadable hash is kept as missing, and the
     * handler answers with the protocol's error.
     */
    static final class Provider extends IqProvider<ChecksumIq> {
        @Override
        public ChecksumIq parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException {
            String sid = parser.getAttributeValue("", "sid");
            Optional<String> sha256 = Optional.empty();
            while (true) {
                XmlPullParser.Event event = parser.next();
                if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                    break;
                }
                if (event == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == initialDepth + 1
                        && "hash".equals(parser.getName()) && FileCheck.HASHES_NAMESPACE.equals(parser.getNamespace())
                        && FileCheck.SHA_256.equals(parser.getAttributeValue("", "algo")) && sha256.isEmpty()) {
                    sha256 = FileCheck.hexOfBase64Sha256(textOf(parser));
                }
            }
            return new ChecksumIq(sid, sha256);
        }

        /** The text directly inside the current element; nested elements are skipped, not an error. */
        private static String textOf(XmlPullParser parser) throws XmlPullParserException, IOException {
            int depth = parser.getDepth();
            StringBuilder text = new StringBuilder();
            while (true) {
                XmlPullParser.Event event = parser.next();
                if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                    return text.toString();
                }
                if (event == XmlPullParser.Event.TEXT_CHARACTERS && parser.getDepth() == depth
                        && text.length() < 1024) {
                    text.append(parser.getText());
                }
            }
        }
    }
}
