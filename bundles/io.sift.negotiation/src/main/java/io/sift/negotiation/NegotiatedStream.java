package io.sift.negotiation;

import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;

import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/**
 * An accepted offer: the method the peer chose and the session to open it for.
 *
 * @param session account, stream id, and both full JIDs (the local side is the initiator)
 * @param method the chosen stream method, ready for {@link StreamMethod#open}
 * @param answerPayload the profile's element in the peer's answer (e.g. {@code <file><range/></file>}), if any
 */
public record NegotiatedStream(StreamSession session, StreamMethod method,
        Optional<StandardExtensionElement> answerPayload) {
}
