package io.sift.negotiation.internal;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.jid.impl.JidCreate;
import org.osgi.service.log.Logger;

/** Parsing and printing stanzas in tests, with Smack's own parser. */
final class Xml {

    static final String FT = "http://jabber.org/protocol/si/profile/file-transfer";
    static final String S5B = "http://jabber.org/protocol/bytestreams";
    static final String IBB = "http://jabber.org/protocol/ibb";
    static final String PEER = "bob@example.org/desk";
    static final String LOCAL = "alice@example.org/sift";

    private Xml() {
    }

    /** An {@code <si/>} element read by this bundle's provider. */
    static SiIq parseSi(String xml) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml);
        return new SiIqProvider().parseSi(parser, parser.getDepth());
    }

    /** An incoming {@code <si/>} set request, as Smack hands it to the handler with this bundle's provider. */
    static SiIq request(String from, String id, String siXml) throws Exception {
        SiIq iq = parseSi(siXml);
        iq.setType(IQ.Type.set);
        iq.setStanzaId(id);
        iq.setFrom(JidCreate.from(from));
        iq.setTo(JidCreate.from(LOCAL));
        return iq;
    }

    /** A complete stanza (not containing {@code <si/>}: that would depend on the registered provider). */
    static <S extends Stanza> S stanza(String xml) throws Exception {
        return PacketParserUtils.parseStanza(xml);
    }

    static String xml(Stanza stanza) {
        return stanza.toXML().toString();
    }

    /** A complete offer, as a sender following XEP-0096 writes it; {@code options} are raw option values. */
    static String offer(String sid, String profile, String... options) {
        StringBuilder xml = new StringBuilder("<si xmlns='http://jabber.org/protocol/si'");
        if (sid != null) {
            xml.append(" id='").append(sid).append('\'');
        }
        xml.append(" mime-type='text/plain'");
        if (profile != null) {
            xml.append(" profile='").append(profile).append('\'');
        }
        xml.append("><file xmlns='" + FT + "' name='test.txt' size='1022'><desc>a file</desc><range/></file>")
                .append(feature("form", options))
                .append("</si>");
        return xml.toString();
    }

    static String feature(String type, String... options) {
        StringBuilder xml = new StringBuilder("<feature xmlns='http://jabber.org/protocol/feature-neg'>"
                + "<x xmlns='jabber:x:data' type='" + type + "'><field var='stream-method' type='list-single'>");
        for (String option : options) {
            xml.append("<option><value>").append(option).append("</value></option>");
        }
        return xml.append("</field></x></feature>").toString();
    }

    /** A logger that keeps every message it is given, at any level, as "level: message [arguments]". */
    static Logger recordingLogger(List<String> lines) {
        return proxyLogger("recording", true, lines::add);
    }

    /** A logger that drops everything. */
    static Logger silentLogger() {
        return proxyLogger("silent", false, line -> { });
    }

    /** A logger whose levels are all on or all off, handing each message with arguments to {@code lines}. */
    private static Logger proxyLogger(String name, boolean enabled, Consumer<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return enabled;
                    }
                    if (method.getName().equals("getName")) {
                        return name;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String message) {
                        lines.accept(method.getName() + ": " + message + " "
                                + Arrays.toString(Arrays.copyOfRange(args, 1, args.length)));
                    }
                    return null;
                });
    }
}
