package io.sift.socks5.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SOCKS5 bytestream method and its direct streamhost (PID {@code io.sift.socks5}). */
@ObjectClassDefinition(
        id = Socks5Config.PID,
        name = "SIFT SOCKS5 bytestreams",
        description = "XEP-0065 SOCKS5 Bytestreams: file data over a direct TCP connection between the two "
                + "clients, or through a SOCKS5 proxy of an XMPP server.")
public @interface Socks5Config {

    String PID = "io.sift.socks5";

    @AttributeDefinition(name = "Offer a direct streamhost",
            description = "Listen for the receiver's connection on this host and offer it first.")
    boolean directEnabled() default true;

    @AttributeDefinition(name = "Bind address",
            description = "IP literal of the local address the direct streamhost listens on. Empty: the advertised "
                    + "addresses when all of them are IP addresses of this host; otherwise (nothing advertised, or a "
                    + "host name or a NAT's address among them) all addresses, so that receivers reach it.",
            required = false)
    String bindAddress() default "";

    @AttributeDefinition(name = "Port", description = "TCP port of the direct streamhost; 0: any free port.",
            min = "0", max = "65535")
    int port() default 0;

    @AttributeDefinition(name = "Advertised addresses",
            description = "Addresses sent to receivers for the direct streamhost, in this order (IP literals or "
                    + "host names, e.g. a NAT's external address). Empty: every address of this host's active "
                    + "interfaces, loopback last.",
            required = false)
    String[] advertisedAddresses() default {};

    @AttributeDefinition(name = "Proxies",
            description = "SOCKS5 proxies offered besides the discovered ones: a JID (its address is asked for), "
                    + "or 'JID host:port'.",
            required = false)
    String[] proxies() default {};

    @AttributeDefinition(name = "Discover proxies",
            description = "Look for SOCKS5 proxies among the items of the account's server (disco).")
    boolean discoverProxies() default true;

    @AttributeDefinition(name = "Proxy cache (s)",
            description = "How long the proxies found for an account are reused; 0: look them up for every "
                    + "transfer. A failed lookup is not kept.",
            min = "0")
    long proxyCacheSeconds() default 600;

    @AttributeDefinition(name = "Connect timeout (ms)",
            description = "Per TCP connection attempt to a streamhost.", min = "1")
    long connectTimeoutMillis() default 3000;

    @AttributeDefinition(name = "Handshake timeout (ms)",
            description = "For the SOCKS5 exchange once a streamhost accepted the connection.", min = "1")
    long handshakeTimeoutMillis() default 5000;

    @AttributeDefinition(name = "Stagger (ms)",
            description = "A receiver starts on the next streamhost this long after starting on the previous one "
                    + "if that has not succeeded yet; attempts then run side by side and the first to succeed is "
                    + "used.", min = "0")
    long staggerMillis() default 250;

    @AttributeDefinition(name = "Used timeout (ms)",
            description = "How long a sender waits for the receiver to name the streamhost it connected to.",
            min = "1")
    long usedTimeoutMillis() default 20000;

    @AttributeDefinition(name = "Activate timeout (ms)",
            description = "How long a sender waits for a proxy to confirm the activation.", min = "1")
    long activateTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Accept timeout (ms)",
            description = "How long the direct streamhost gives a connection, from its accept, to complete the SOCKS5 "
                    + "exchange and identify its stream; a client that trickles its bytes is closed all the same. "
                    + "Receivers send the whole exchange at once and need a few round trips.",
            min = "1")
    long acceptTimeoutMillis() default 3000;

    @AttributeDefinition(name = "Pending connection limit",
            description = "Connections the direct streamhost holds before they identified their stream. When full, "
                    + "the oldest connection from the address that holds the most is closed for a new one. Each "
                    + "costs a socket and a few hundred bytes, no thread.", min = "1", max = "4096")
    int maxPendingConnections() default 1024;

    @AttributeDefinition(name = "Pending connection limit per address",
            description = "Connections from one address (IPv6: one /64 network) that the direct streamhost holds "
                    + "before they identified their stream, besides one for each stream it awaits (a receiver of "
                    + "many files at once connects for all of them together); a new one from there closes the "
                    + "oldest of them.",
            min = "1", max = "4096")
    int maxPendingPerAddress() default 8;

    @AttributeDefinition(name = "Priority",
            description = "Order among stream methods in offers, highest first (in-band bytestreams use 10).")
    int priority() default 20;
}
