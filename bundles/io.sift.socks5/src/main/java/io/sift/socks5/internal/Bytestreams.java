package io.sift.socks5.internal;

/** Names and limits of XEP-0065 SOCKS5 Bytestreams. */
final class Bytestreams {

    static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";
    static final String QUERY = "query";

    /** Disco#info identity of a SOCKS5 bytestreams proxy (XEP-0065 section 4). */
    static final String PROXY_CATEGORY = "proxy";
    static final String PROXY_TYPE = "bytestreams";

    /**
     * Streamhosts of one offer that the target tries at most. An offer lists every local address of
     * the initiator plus its proxies, rarely more than a dozen; a longer list only costs connections.
     */
    static final int MAX_TRIED_STREAMHOSTS = 32;

    private Bytestreams() {
    }
}
