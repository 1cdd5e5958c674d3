package io.sift.negotiation.internal;

/** Names from XEP-0095 (Stream Initiation), XEP-0020 (Feature Negotiation) and XEP-0004 (Data Forms). */
final class SiNamespaces {

    static final String SI = "http://jabber.org/protocol/si";
    static final String SI_ELEMENT = "si";

    static final String FEATURE_NEG = "http://jabber.org/protocol/feature-neg";
    static final String FEATURE_ELEMENT = "feature";

    static final String DATA_FORMS = "jabber:x:data";
    static final String FORM_ELEMENT = "x";
    static final String STREAM_METHOD_FIELD = "stream-method";

    /** Error children in the SI namespace that say why an offer was refused. */
    static final String NO_VALID_STREAMS = "no-valid-streams";
    static final String BAD_PROFILE = "bad-profile";

    private SiNamespaces() {
    }
}
