package io.sift.filetransfer.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sift.api.StreamMethods;

/**
 * The stream methods one offer of a file lists.
 *
 * <p>An empty file is offered over in-band bytestreams alone whenever they are allowed: over XEP-0047
 * it is an open and a close, which every receiver tested turns into an empty file, while libpurple
 * (Pidgin 2.14) takes a SOCKS5 stream that ends before its first byte for a cancel and stores nothing,
 * and Smack 4.4.8 stores one stray byte (its read-ahead pushes the end of stream back as 0xff).
 * Alone rather than first, because the receiver chooses among the offered methods and libpurple
 * chooses SOCKS5 whenever it may. The other allowed methods are kept for the fallback, should in-band
 * bytestreams fail to open (neither of those two refuses them): the user allowed them, SOCKS5 carries an
 * empty file to SIFT and slixmpp, and the outcome says no more than is known ({@code SENT} unless a SIFT
 * receiver confirms).
 */
final class OfferedMethods {

    private OfferedMethods() {
    }

    /**
     * @param remaining the allowed methods not tried yet, in order of preference (namespaces or short names)
     * @param size the file's size in bytes
     * @param registered the methods registered on this side
     * @param peerFeatures what the receiver announces (disco#info)
     * @return what the next offer lists
     */
    static List<String> toOffer(List<String> remaining, long size, Collection<String> registered,
            Set<String> peerFeatures) {
        boolean inBandAlone = size == 0
                && remaining.stream().map(StreamMethods::fromName).anyMatch(Optional.of(StreamMethods.IBB)::equals)
                && registered.contains(StreamMethods.IBB)
                && takesInBand(peerFeatures);
        return inBandAlone ? List.of(StreamMethods.IBB) : List.copyOf(remaining);
    }

    /**
     * As the negotiation judges a peer: one that announces no stream method at all may still accept
     * them (several clients do), one that announces some is held to its list.
     */
    private static boolean takesInBand(Set<String> peerFeatures) {
        return peerFeatures.contains(StreamMethods.IBB) || !peerFeatures.contains(StreamMethods.SOCKS5);
    }
}
