package io.sift.tools.smackpeer;

import java.net.InetAddress;
import java.util.List;

/**
 * What Smack's own local SOCKS5 streamhost offers.
 *
 * @param addresses replaces the addresses Smack finds on the network interfaces; empty keeps Smack's choice
 * @param localEnabled false: no local streamhost at all, only the server's proxies are offered
 */
record StreamhostOptions(List<InetAddress> addresses, boolean localEnabled) {

    static final StreamhostOptions SMACK_DEFAULT = new StreamhostOptions(List.of(), true);

    StreamhostOptions {
        addresses = List.copyOf(addresses);
    }

    boolean replacesAddresses() {
        return !addresses.isEmpty();
    }
}
