package io.sift.socks5.internal;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.StanzaError;

import io.sift.common.Printable;
import io.sift.common.Numbers;
import io.sift.common.Jids;

/**
 * Judges a received {@code <query/>} set: an offer of streamhosts this side can try, or the error
 * XEP-0065 prescribes. The session checks (is the sid expected, from this sender) come after.
 */
final class OfferCheck {

    /** What the check decided. */
    sealed interface Outcome permits Offer, Refusal {
    }

    /** A usable offer: its sid and the streamhosts to try, in document order. */
    record Offer(String sid, List<Streamhost> streamhosts) implements Outcome {
    }

    /** Why the query is refused, and with which error. */
    record Refusal(StanzaError.Condition condition, StanzaError.Type type, String reason) implements Outcome {
    }

    private OfferCheck() {
    }

    static Outcome check(BytestreamQuery query) {
        if (query.activateTarget() != null) {
            return new Refusal(StanzaError.Condition.feature_not_implemented, StanzaError.Type.CANCEL,
                    "an activation request, but this side is no proxy");
        }
        String sid = query.sid();
        if (sid == null || sid.isEmpty()) {
            return badRequest("the query has no sid");
        }
        String mode = query.mode();
        if ("udp".equals(mode)) {
            // UDP mode is optional in XEP-0065 and nobody uses it
            return new Refusal(StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL, "udp mode is not supported");
        }
        if (mode != null && !"tcp".equals(mode)) {
            return badRequest("unknown mode '" + Printable.of(mode) + "'");
        }
        if (query.streamhosts().isEmpty()) {
            return badRequest("the query has no streamhost");
        }
        List<Streamhost> streamhosts = new ArrayList<>();
        for (BytestreamQuery.RawStreamhost raw : query.streamhosts()) {
            if (!Jids.isValid(raw.jid())) {
                return badRequest("a streamhost has no valid jid ('" + Printable.of(raw.jid()) + "')");
            }
            if (!Hosts.isUsable(raw.host())) {
                return badRequest("the streamhost " + Printable.of(raw.jid()) + " has no usable host ('"
                        + Printable.of(raw.host()) + "')");
            }
            int port = Numbers.port(raw.port());
            if (port < 0) {
                return badRequest("the streamhost " + Printable.of(raw.jid()) + " has no port in 1..65535 ('"
                        + Printable.of(raw.port()) + "')");
            }
            if (streamhosts.size() < Bytestreams.MAX_TRIED_STREAMHOSTS) {
                streamhosts.add(new Streamhost(raw.jid(), Hosts.unbracketed(raw.host()), port));
            }
        }
        return new Offer(sid, List.copyOf(streamhosts));
    }

    private static Refusal badRequest(String reason) {
        return new Refusal(StanzaError.Condition.bad_request, StanzaError.Type.MODIFY, reason);
    }
}
