package io.sift.socks5.internal;

import java.util.Optional;

import io.sift.common.Numbers;
import io.sift.common.Jids;

/**
 * A configured proxy: its JID, and its address when the configuration gives it (then the proxy is
 * offered without asking it first).
 */
record ProxyEntry(String jid, Optional<Streamhost> streamhost) {

    /**
     * Reads {@code "jid"} or {@code "jid host:port"} (an IPv6 host in brackets); empty when the entry is
     * not one of these.
     */
    static Optional<ProxyEntry> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String[] parts = raw.strip().split("\\s+");
        if (parts.length == 0 || parts.length > 2 || !Jids.isValid(parts[0])) {
            return Optional.empty();
        }
        String jid = parts[0];
        if (parts.length == 1) {
            return Optional.of(new ProxyEntry(jid, Optional.empty()));
        }
        String address = parts[1];
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = address.substring(0, colon);
        int port = Numbers.port(address.substring(colon + 1));
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (port < 0 || (host.indexOf(':') >= 0 && !bracketed) || !Hosts.isUsable(host)) {
            return Optional.empty();
        }
        return Optional.of(new ProxyEntry(jid, Optional.of(new Streamhost(jid, Hosts.unbracketed(host), port))));
    }
}
