package io.sift.socks5.internal;

import java.util.Objects;

import io.sift.common.Printable;

/**
 * Where a SOCKS5 bytestream can be connected: the entity that runs it (the initiator itself for a
 * direct connection, or a proxy), and its address.
 *
 * @param jid the streamhost's JID as it appears in the offer
 * @param host an IP literal or a host name
 * @param port 1..65535
 */
record Streamhost(String jid, String host, int port) {

    Streamhost {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    // written out: a record's generated equals and hashCode link through invokedynamic on their
    // first call, several milliseconds each in a fresh process, which its first transfer would pay
    @Override
    public boolean equals(Object other) {
        return other instanceof Streamhost o && Objects.equals(jid, o.jid) && Objects.equals(host, o.host)
                && port == o.port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, host, port);
    }

    /** For log lines: a peer's values are made printable. */
    @Override
    public String toString() {
        return Printable.of(jid) + " at " + Printable.of(host) + ":" + port;
    }
}
