package io.sift.negotiation.internal;

import org.jivesoftware.smack.packet.StanzaError;

import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;

/** What an error from the peer means for an offer. */
final class AnswerErrors {

    private AnswerErrors() {
    }

    /**
     * The error answer to an offer. The SI-specific child decides first, whatever the condition: a
     * peer that says no-valid-streams means it even with a legacy error code.
     */
    static NegotiationException forAnswer(StanzaError error, String peer) {
        String text = describe(error);
        if (error.getExtension(SiNamespaces.NO_VALID_STREAMS, SiNamespaces.SI) != null) {
            return new NegotiationException(Kind.NO_VALID_STREAMS, peer + " accepts none of the offered stream methods" + text);
        }
        if (error.getExtension(SiNamespaces.BAD_PROFILE, SiNamespaces.SI) != null) {
            return new NegotiationException(Kind.NOT_SUPPORTED, peer + " does not support the profile" + text);
        }
        StanzaError.Condition condition = error.getCondition();
        return switch (condition) {
            case forbidden -> new NegotiationException(Kind.DECLINED, peer + " declined" + text);
            case service_unavailable, feature_not_implemented ->
                new NegotiationException(Kind.NOT_SUPPORTED, peer + " does not support stream initiation (" + condition + ")" + text);
            case recipient_unavailable, item_not_found, remote_server_not_found ->
                new NegotiationException(Kind.PEER_UNAVAILABLE, peer + " is not available (" + condition + ")" + text);
            // only "try again later" (wait) makes the same offer worth making again
            case resource_constraint -> error.getType() == StanzaError.Type.WAIT
                    ? new NegotiationException(Kind.BUSY, peer + " is busy with other offers" + text)
                    : new NegotiationException(Kind.PROTOCOL_ERROR, peer + " answered " + condition + text);
            default -> new NegotiationException(Kind.PROTOCOL_ERROR, peer + " answered " + condition + text);
        };
    }

    /** An error answer to the disco#info request that precedes an offer. */
    static NegotiationException forDisco(StanzaError error, String peer) {
        String text = describe(error);
        StanzaError.Condition condition = error.getCondition();
        return switch (condition) {
            case service_unavailable, recipient_unavailable, item_not_found, remote_server_not_found,
                    remote_server_timeout ->
                new NegotiationException(Kind.PEER_UNAVAILABLE, peer + " is not available (" + condition + ")" + text);
            case feature_not_implemented ->
                new NegotiationException(Kind.NOT_SUPPORTED, peer + " does not answer disco#info" + text);
            default -> new NegotiationException(Kind.PROTOCOL_ERROR, "disco#info of " + peer + " failed: " + condition + text);
        };
    }

    private static String describe(StanzaError error) {
        String text = error.getDescriptiveText();
        if (text == null || text.isBlank()) {
            return "";
        }
        return ": " + XmlText.printable(text, SiReplies.MAX_TEXT_LENGTH).strip();
    }
}
