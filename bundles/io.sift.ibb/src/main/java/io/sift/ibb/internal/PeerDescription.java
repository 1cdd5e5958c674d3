package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;

/**
 * What a peer says of itself when asked: its disco#info identities (as {@code category/type/name})
 * and the software name of its XEP-0092 version answer. An error answer, or none, tells nothing.
 *
 * @param sift the peer announces SIFT's file check: it is SIFT, whose in-band receiver takes blocks
 *        in order. SIFT builds from before accounts named themselves kept Smack's default disco
 *        identity ({@code client/pc/Smack}); without this, such a peer whose presence was not seen
 *        would look like Smack.
 */
record PeerDescription(List<String> identities, Optional<String> software, boolean sift) {

    /** The feature every SIFT account announces (its file transfer's check after the data). */
    static final String SIFT_FEATURE = "https://sift.io/protocol/file-check";

    static final PeerDescription NOTHING = new PeerDescription(List.of(), Optional.empty(), false);

    PeerDescription {
        identities = List.copyOf(identities);
    }

    /** Reads the answers to a disco#info and a version request (either may be missing or an error). */
    static PeerDescription of(Optional<IQ> discoAnswer, Optional<IQ> versionAnswer) {
        List<String> identities = new ArrayList<>();
        boolean sift = false;
        if (discoAnswer.orElse(null) instanceof DiscoverInfo info && info.getType() == IQ.Type.result) {
            for (DiscoverInfo.Identity identity : info.getIdentities()) {
                identities.add(text(identity.getCategory()) + "/" + text(identity.getType()) + "/"
                        + text(identity.getName()));
            }
            sift = info.containsFeature(SIFT_FEATURE);
        }
        Optional<String> software = Optional.empty();
        if (versionAnswer.orElse(null) instanceof Version version && version.getType() == IQ.Type.result
                && version.getName() != null && !version.getName().isBlank()) {
            software = Optional.of(version.getName());
        }
        return new PeerDescription(identities, software, sift);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "identities " + identities + ", software " + software.orElse("(not given)") + (sift ? ", SIFT" : "");
    }
}
