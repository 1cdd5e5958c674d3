package io.sift.socks5.internal;

import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/** Error answers with the conditions XEP-0065 prescribes. */
final class Socks5Errors {

    private Socks5Errors() {
    }

    static IQ reply(IQ request, StanzaError.Condition condition, StanzaError.Type type) {
        return IQ.createErrorResponse(withoutPayload(request), StanzaError.getBuilder(condition).setType(type).build());
    }

    /**
     * The request's addressing without its child: Smack would otherwise copy the whole query into the
     * error, sending a peer's (possibly huge or hostile) list of streamhosts straight back to it.
     */
    private static IQ withoutPayload(IQ request) {
        IQ stub = new EmptyResultIQ();
        stub.setType(request.getType());
        stub.setStanzaId(request.getStanzaId());
        stub.setFrom(request.getFrom());
        stub.setTo(request.getTo());
        return stub;
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
