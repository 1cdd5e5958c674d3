package io.sift.ibb.internal;

import java.util.Locale;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

import io.sift.common.Printable;

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

    /** An answer for a log line or an exception message, with the peer's words when it gave any. */
    static String describe(IQ answer) {
        StanzaError.Condition condition = conditionOf(answer);
        if (condition == null) {
            return "answer of type " + answer.getType();
        }
        String text = answer.getError().getDescriptiveText();
        return "error " + condition + (text == null || text.isBlank() ? "" : " (\"" + Printable.of(text) + "\")");
    }

    /**
     * Whether an error answer to a data block says the receiver took it out of sequence: XEP-0047
     * answers a block with a sequence number it did not expect with unexpected-request; a text that
     * speaks of the sequence says so whatever the condition. Smack 4.4 answers "Unexpected IBB
     * sequence 1 received, expected 0" when its thread pool let a block overtake another.
     */
    static boolean isOutOfSequence(IQ answer) {
        StanzaError.Condition condition = conditionOf(answer);
        if (condition == null) {
            return false;
        }
        String text = answer.getError().getDescriptiveText();
        return condition == StanzaError.Condition.unexpected_request
                || text != null && text.toLowerCase(Locale.ROOT).contains("sequence");
    }
}
