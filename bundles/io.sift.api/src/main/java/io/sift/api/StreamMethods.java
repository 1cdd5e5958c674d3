package io.sift.api;

import java.util.Locale;
import java.util.Optional;

/** Names of the stream methods SIFT knows: the XMPP namespaces, and short names for people. */
public final class StreamMethods {

    /** XEP-0065 SOCKS5 Bytestreams. */
    public static final String SOCKS5 = "http://jabber.org/protocol/bytestreams";

    /** XEP-0047 In-Band Bytestreams. */
    public static final String IBB = "http://jabber.org/protocol/ibb";

    private StreamMethods() {
    }

    /** The namespace for a short name ({@code socks5}, {@code ibb}) or a namespace given as is. */
    public static Optional<String> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "socks5", "bytestreams", "s5b" -> Optional.of(SOCKS5);
            case "ibb", "inband", "in-band" -> Optional.of(IBB);
            default -> n.contains(":") ? Optional.of(n) : Optional.empty();
        };
    }

    /** A short name for a namespace, for display. */
    public static String shortName(String namespace) {
        if (SOCKS5.equals(namespace)) {
            return "socks5";
        }
        if (IBB.equals(namespace)) {
            return "ibb";
        }
        return namespace;
    }
}
