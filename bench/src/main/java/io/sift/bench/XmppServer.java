package io.sift.bench;

import java.io.IOException;

/**
 * An XMPP server the bench runs on 127.0.0.1 with the test accounts (alice, bob, carol) and a SOCKS5
 * proxy: a Prosody (scripts/prosody) or an ejabberd (scripts/ejabberd) of the bench's own.
 */
interface XmppServer extends AutoCloseable {

    /** For tables and messages, e.g. "Prosody" or "ejabberd". */
    String name();

    int xmppPort();

    int proxyPort();

    /** The proxy65 component's JID. */
    default String proxyJid() {
        return "proxy." + Peers.DOMAIN;
    }

    void start() throws IOException, InterruptedException, BenchFailure;

    /** CPU seconds the server process has used so far (NaN when unknown). */
    double cpuSeconds();

    /** The server process, while it runs. */
    java.util.OptionalLong pid();

    @Override
    void close() throws IOException, InterruptedException;
}
