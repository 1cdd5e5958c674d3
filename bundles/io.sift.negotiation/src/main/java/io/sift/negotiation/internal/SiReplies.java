package io.sift.negotiation.internal;

import java.util.Optional;

import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;

/** The answers this side sends to an offer. */
final class SiReplies {

    /** Error texts are for people; a long one from a profile is cut rather than sent in full. */
    static final int MAX_TEXT_LENGTH = 512;

    private SiReplies() {
    }

    static SiIq accepted(IQ request, String method, Optional<StandardExtensionElement> payload) {
        return SiIq.answer(request, method, payload);
    }

    static ErrorIQ refused(IQ request, OfferCheck.Refused refused) {
        return switch (refused.refusal()) {
            case BAD_REQUEST -> badRequest(request, refused.text());
            case BAD_PROFILE -> badProfile(request, refused.text());
            case NO_VALID_STREAMS -> noValidStreams(request, refused.text());
        };
    }

    static ErrorIQ badRequest(IQ request, String text) {
        return error(request, StanzaError.Condition.bad_request, null, text);
    }

    static ErrorIQ badProfile(IQ request, String text) {
        return error(request, StanzaError.Condition.bad_request, SiNamespaces.BAD_PROFILE, text);
    }

    static ErrorIQ noValidStreams(IQ request, String text) {
        return error(request, StanzaError.Condition.bad_request, SiNamespaces.NO_VALID_STREAMS, text);
    }

    /** XEP-0095's decline: 403 forbidden. */
    static ErrorIQ declined(IQ request, String text) {
        return error(request, StanzaError.Condition.forbidden, null, text);
    }

    /** Too many unanswered offers: the sender may try again later (type wait). */
    static ErrorIQ busy(IQ request, String text) {
        return error(request, StanzaError.Condition.resource_constraint, null, text);
    }

    static ErrorIQ internalError(IQ request) {
        return error(request, StanzaError.Condition.internal_server_error, null, null);
    }

    private static ErrorIQ error(IQ request, StanzaError.Condition condition, String siChild, String text) {
        StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (siChild != null) {
            error.addExtension(new StandardExtensionElement(siChild, SiNamespaces.SI));
        }
        String cleanText = XmlText.printable(text, MAX_TEXT_LENGTH).strip();
        if (!cleanText.isEmpty()) {
            error.setDescriptiveEnText(cleanText);
        }
        return IQ.createErrorResponse(withoutPayload(request), error);
    }

    /**
     * The request's addressing without its child: Smack would otherwise copy the whole offer into the
     * error, sending a peer's (possibly huge or hostile) payload straight back to it.
     */
    private static IQ withoutPayload(IQ request) {
        IQ stub = new EmptyResultIQ();
        stub.setType(IQ.Type.set);
        stub.setStanzaId(request.getStanzaId());
        stub.setFrom(request.getFrom());
        stub.setTo(request.getTo());
        return stub;
    }
}
