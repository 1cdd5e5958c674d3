package io.sift.negotiation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jivesoftware.smack.packet.StandardExtensionElement;

/**
 * What a profile offers to a peer.
 *
 * @param account bare JID of the local account that sends the offer
 * @param peer full JID, or bare JID: then the peer's best available resource that supports the
 *        profile is chosen (highest presence priority)
 * @param profile namespace of the SI profile, e.g. {@code http://jabber.org/protocol/si/profile/file-transfer}
 * @param mimeType the {@code mime-type} attribute of the offer, may be null
 * @param payload the profile's element inside {@code <si/>} (e.g. {@code <file/>})
 * @param methods the stream methods (namespaces) that may be offered, in order of preference; empty:
 *        all registered methods in their priority order
 * @param answerTimeout how long to wait for the peer to accept or decline
 */
public record StreamOffer(
        String account,
        String peer,
        String profile,
        String mimeType,
        StandardExtensionElement payload,
        List<String> methods,
        Duration answerTimeout) {

    public StreamOffer {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(payload, "payload");
        methods = List.copyOf(methods);
        Objects.requireNonNull(answerTimeout, "answerTimeout");
    }
}
