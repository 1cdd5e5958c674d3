package io.sift.socks5.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host values from the configuration and from peers. An IP literal is turned into an address
 * without any name lookup: {@link InetAddress#getByName} would query DNS for anything it does not
 * recognise as a literal, which must not happen while validating input.
 */
final class Hosts {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final int MAX_NAME_LENGTH = 253;

    private Hosts() {
    }

    /** The address an IP literal names (IPv6 with or without brackets); empty for anything else. */
    static Optional<InetAddress> ipLiteral(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.length() > 2 && raw.startsWith("[") && raw.endsWith("]")
                ? raw.substring(1, raw.length() - 1) : raw;
        boolean v4 = IPV4.matcher(value).matches();
        // the JDK takes a value as a literal only when it starts with a hex digit or ':'; from '.' on it
        // would look the value up as a host name
        boolean v6 = value.indexOf(':') >= 0 && value.charAt(0) != '.' && IPV6_CHARS.matcher(value).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // only literals get here: the JDK parses them without a lookup
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A DNS host name: ASCII labels of letters, digits, hyphens (and underscores), dot-separated. */
    static boolean isHostName(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // a name of digits and dots only would be a malformed IPv4 literal
        return !name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Whether a host can be connected to or sent in an offer: an IP literal or a host name. */
    static boolean isUsable(String raw) {
        return ipLiteral(raw).isPresent() || isHostName(raw);
    }

    /** The host as a socket address needs it: without the brackets around an IPv6 literal. */
    static String unbracketed(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }
}
