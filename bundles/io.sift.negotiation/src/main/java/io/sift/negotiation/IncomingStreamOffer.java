package io.sift.negotiation;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.osgi.annotation.versioning.ProviderType;

import io.sift.spi.PendingStream;
import io.sift.spi.StreamSession;

/** An offer received from a peer, to be answered exactly once. */
@ProviderType
public interface IncomingStreamOffer {

    /** Account, stream id, and both full JIDs (the peer is the initiator). */
    StreamSession session();

    /** The {@code mime-type} attribute, if the sender gave one. */
    Optional<String> mimeType();

    /** The profile's element inside {@code <si/>}. */
    StandardExtensionElement payload();

    /** The offered methods that are registered here, in this side's order of preference. */
    List<String> methods();

    /**
     * Accepts the offer: takes the first of {@link #methods()} that is still registered, makes it
     * expect the stream, and only then sends the answer (with exactly one method), so an open request
     * that follows the answer at once finds the method ready.
     *
     * @param answerPayload the profile's element to put in the answer, if any
     * @return the stream to wait for
     * @throws NegotiationException {@link NegotiationException.Kind#ACCOUNT_OFFLINE} when the account
     *         went offline before the answer; {@link NegotiationException.Kind#NO_COMMON_METHOD} when
     *         none of the methods can take the stream any more (the peer then gets no-valid-streams)
     * @throws IllegalStateException if the offer was answered already
     */
    PendingStream accept(Optional<StandardExtensionElement> answerPayload) throws NegotiationException;

    /**
     * Declines with 403 forbidden; {@code text} (may be null) goes into the error.
     *
     * @throws IllegalStateException if the offer was answered already
     */
    void decline(String text);

    /**
     * Refuses for now with resource-constraint (type wait): this side is busy, the sender may offer
     * again later. {@code text} (may be null) goes into the error.
     *
     * @throws IllegalStateException if the offer was answered already
     * @since 1.1
     */
    void refuseBusy(String text);

    /**
     * Refuses a malformed payload with 400 bad-request; {@code text} says what is wrong.
     *
     * @throws IllegalStateException if the offer was answered already
     */
    void rejectAsBadRequest(String text);
}
