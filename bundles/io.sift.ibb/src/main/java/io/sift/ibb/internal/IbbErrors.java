package io.sift.ibb.internal;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/** Error answers with the conditions XEP-0047 prescribes. */
final class IbbErrors {

    private IbbErrors() {
    }

    static IQ reply(IQ request, StanzaError.Condition condition, StanzaError.Type type) {
        return IQ.createErrorResponse(request, StanzaError.getBuilder(condition).setType(type).build());
    }

    static IQ badRequest(IQ request) {
        return reply(request, StanzaError.Condition.bad_request, StanzaError.Type.MODIFY);
    }

    static IQ notAcceptable(IQ request) {
        return reply(request, StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
    }

    static IQ itemNotFound(IQ request) {
        return reply(request, StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL);
    }

    /** The condition of an error answer, or null when the answer is not an error. */
    static StanzaError.Condition conditionOf(IQ answer) {
        if (answer == null || answer.getType() != IQ.Type.error || answer.getError() == null) {
            return null;
        }
        return answer.getError().getCondition();
    }

    /** An answer for a log line or an exception message. */
    static String describe(IQ answer) {
        StanzaError.Condition condition = conditionOf(answer);
        return condition != null ? "error " + condition : "answer of type " + answer.getType();
    }
}
