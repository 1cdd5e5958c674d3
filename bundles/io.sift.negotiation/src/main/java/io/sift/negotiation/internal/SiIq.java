package io.sift.negotiation.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jxmpp.jid.Jid;

/**
 * An IQ with an {@code <si xmlns='http://jabber.org/protocol/si'/>} child: an offer (type set) or an
 * answer (type result).
 *
 * <p>Built ones are checked strictly (see {@link #offer} and {@link #answer}). Parsed ones keep what
 * was received as is, however odd; {@link OfferCheck} and {@link MethodChoice} decide what it means.
 */
final class SiIq extends IQ {

    private final String sid;
    private final String mimeType;
    private final String profile;
    private final List<StandardExtensionElement> payloads;
    private final StreamMethodForm form;
    private final String malformation;

    /**
     * @param payloads every child other than the feature negotiation, in document order
     * @param form the feature negotiation form, null if there was none
     * @param malformation why part of the element could not be read, null if all of it could
     */
    SiIq(String sid, String mimeType, String profile, List<StandardExtensionElement> payloads,
            StreamMethodForm form, String malformation) {
        super(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        this.sid = sid;
        this.mimeType = mimeType;
        this.profile = profile;
        this.payloads = List.copyOf(payloads);
        this.form = form;
        this.malformation = malformation;
    }

    /**
     * An offer to {@code to}.
     *
     * @throws IllegalArgumentException if an identifier is empty or has characters that do not belong
     *         in one, or no method is given: sending it would only earn an error from the peer
     */
    static SiIq offer(Jid to, String sid, String profile, String mimeType, StandardExtensionElement payload,
            List<String> methods) {
        requireName("stream id", sid);
        requireName("profile", profile);
        if (mimeType != null) {
            requireMimeType(mimeType);
        }
        Objects.requireNonNull(payload, "payload");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one stream method");
        }
        methods.forEach(m -> requireName("stream method", m));
        SiIq iq = new SiIq(sid, mimeType, profile, List.of(payload), StreamMethodForm.offer(methods), null);
        iq.setType(Type.set);
        iq.setTo(Objects.requireNonNull(to, "to"));
        return iq;
    }

    /** The answer to {@code request} that accepts with {@code method}: one value, as XEP-0095 requires. */
    static SiIq answer(IQ request, String method, Optional<StandardExtensionElement> payload) {
        requireName("stream method", method);
        SiIq iq = new SiIq(null, null, null, payload.map(List::of).orElse(List.of()),
                StreamMethodForm.answer(method), null);
        iq.setType(Type.result);
        iq.setTo(request.getFrom());
        iq.setStanzaId(request.getStanzaId());
        return iq;
    }

    /** @throws IllegalArgumentException unless {@code value} is fit for an identifier on the wire */
    static void requireName(String what, String value) {
        if (!XmlText.isCleanName(value)) {
            throw new IllegalArgumentException(what + " must be non-empty text without spaces or control characters: '"
                    + XmlText.printable(value, 80) + "'");
        }
    }

    /** Like {@link #requireName} but allowing spaces, as in {@code text/plain; charset=UTF-8}. */
    static void requireMimeType(String value) {
        if (!XmlText.isCleanToken(value)) {
            throw new IllegalArgumentException("mime-type must be non-empty text without control characters: '"
                    + XmlText.printable(value, 80) + "'");
        }
    }

    /** The {@code id} attribute, null if absent. */
    String sid() {
        return sid;
    }

    /** The {@code mime-type} attribute, null if absent. */
    String mimeType() {
        return mimeType;
    }

    /** The {@code profile} attribute, null if absent. */
    String profile() {
        return profile;
    }

    List<StandardExtensionElement> payloads() {
        return payloads;
    }

    Optional<StreamMethodForm> form() {
        return Optional.ofNullable(form);
    }

    Optional<String> malformation() {
        return Optional.ofNullable(malformation);
    }

    /**
     * The profile's element: the child in the profile's namespace (XEP-0096's {@code <file/>} is in
     * its profile's), else the first other child, for senders that use a namespace of their own.
     */
    Optional<StandardExtensionElement> payloadFor(String profileNamespace) {
        return payloads.stream().filter(p -> Objects.equals(p.getNamespace(), profileNamespace)).findFirst()
                .or(() -> payloads.stream().findFirst());
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.optAttribute("id", sid);
        xml.optAttribute("mime-type", mimeType);
        xml.optAttribute("profile", profile);
        if (payloads.isEmpty() && form == null) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        payloads.forEach(xml::append);
        if (form != null) {
            form.appendTo(xml);
        }
        return xml;
    }
}
