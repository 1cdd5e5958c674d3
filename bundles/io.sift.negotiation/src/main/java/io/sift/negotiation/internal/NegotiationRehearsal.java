package io.sift.negotiation.internal;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.api.StreamMethods;
import io.sift.common.RoundTrip;

/**
 * Negotiates one stream on paper, inside this process, before any peer offers one: an offer written
 * as the initiator writes it, read back by this side's parser and checked as an incoming offer is,
 * the acceptance written and read back as the initiator reads it, and the method it names matched
 * against the offer. A fresh JVM pays for code it runs the first time (class loading, lambda
 * linking, the interpreter's first pass): a fresh receiver took 3.5 ms to check its first offer and
 * 0.2 at the second, and about as long again for the parsing and the answer. The rehearsal pays
 * that while the process waits for its first offer.
 *
 * <p>Nothing is sent and no profile or account sees it.
 */
final class NegotiationRehearsal {

    static final String SID = "sift-rehearsal";
    static final String PROFILE = "urn:sift:rehearsal";
    /** Both methods SIFT offers, in its order; only their names are used. */
    static final List<String> METHODS = List.of(StreamMethods.SOCKS5, StreamMethods.IBB);
    private static final String INITIATOR = "rehearsal@localhost/initiator";
    private static final String TARGET = "rehearsal@localhost/target";

    private final SiIqProvider parser;

    NegotiationRehearsal(SiIqProvider parser) {
        this.parser = parser;
    }

    /** @return the method the acceptance chose, as the initiator reads it */
    String chosenMethod() throws Exception {
        StandardExtensionElement payload = StandardExtensionElement.builder("file", PROFILE)
                .addAttribute("name", "rehearsal.bin").addAttribute("size", "1048576")
                .addElement("desc", "rehearsal").build();
        SiIq offer = SiIq.offer(JidCreate.from(TARGET), SID, PROFILE, "application/octet-stream", payload, METHODS);
        offer.setFrom(JidCreate.from(INITIATOR));
        SiIq received = RoundTrip.iq(offer, parser);
        if (!(OfferCheck.check(received, PROFILE::equals, METHODS) instanceof OfferCheck.Valid valid)) {
            throw new IllegalStateException("the rehearsal's own offer was refused");
        }
        IQ acceptance = SiReplies.accepted(received, valid.methods().get(0), Optional.empty());
        acceptance.setFrom(JidCreate.from(TARGET));
        SiIq answer = parser.asSi(RoundTrip.iq(acceptance, parser)).orElseThrow();
        return MethodChoice.chosen(answer.form().map(StreamMethodForm::values).orElse(List.of()), METHODS)
                .orElseThrow();
    }
}
