package io.sift.negotiation.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.StandardExtensionElement;

/** Decides whether an incoming offer can go to a profile, or how it is refused. */
final class OfferCheck {

    /** XEP-0095 sets no limit; ids travel on into stream methods and logs, so an absurd one is refused. */
    static final int MAX_SID_LENGTH = 256;

    private OfferCheck() {
    }

    /** How an offer is refused; each maps to one error reply in {@link SiReplies}. */
    enum Refusal {
        /** 400 bad-request: the offer is malformed. */
        BAD_REQUEST,
        /** 400 bad-request with {@code <bad-profile/>}: nobody here serves the profile. */
        BAD_PROFILE,
        /** 400 bad-request with {@code <no-valid-streams/>}: no offered method is registered here. */
        NO_VALID_STREAMS
    }

    sealed interface Verdict permits Valid, Refused {
    }

    /**
     * An offer a profile can see.
     *
     * @param methods the offered methods registered here, in this side's priority order (never empty)
     */
    record Valid(String sid, String profile, Optional<String> mimeType, StandardExtensionElement payload,
            List<String> methods) implements Verdict {
    }

    /** @param text what is wrong, for the error's text and the log */
    record Refused(Refusal refusal, String text) implements Verdict {
    }

    /**
     * @param profileServed whether a profile is registered for a namespace
     * @param registeredMethods namespaces of the registered methods, in priority order
     */
    static Verdict check(SiIq si, Predicate<String> profileServed, List<String> registeredMethods) {
        Optional<String> malformation = si.malformation();
        if (malformation.isPresent()) {
            return new Refused(Refusal.BAD_REQUEST, malformation.get());
        }
        String sid = si.sid();
        if (sid == null || sid.isEmpty()) {
            return new Refused(Refusal.BAD_REQUEST, "the offer has no stream id");
        }
        if (sid.length() > MAX_SID_LENGTH) {
            return new Refused(Refusal.BAD_REQUEST, "the stream id is longer than " + MAX_SID_LENGTH + " characters");
        }
        if (!XmlText.isCleanToken(sid)) {
            return new Refused(Refusal.BAD_REQUEST, "the stream id has control characters");
        }
        String profile = si.profile() == null ? "" : si.profile().strip();
        if (profile.isEmpty()) {
            return new Refused(Refusal.BAD_REQUEST, "the offer names no profile");
        }
        if (!profileServed.test(profile)) {
            return new Refused(Refusal.BAD_PROFILE, "profile not supported");
        }
        Optional<StandardExtensionElement> payload = si.payloadFor(profile);
        if (payload.isEmpty()) {
            return new Refused(Refusal.BAD_REQUEST, "the offer has no profile element");
        }
        Optional<StreamMethodForm> form = si.form();
        if (form.isEmpty()) {
            return new Refused(Refusal.NO_VALID_STREAMS, "the offer has no stream method form");
        }
        if (!form.get().hasMethodField()) {
            return new Refused(Refusal.NO_VALID_STREAMS, "the offer has no stream-method field");
        }
        List<String> methods = MethodChoice.acceptable(form.get().offeredMethods(), registeredMethods);
        if (methods.isEmpty()) {
            return new Refused(Refusal.NO_VALID_STREAMS, "none of the offered stream methods is supported");
        }
        Optional<String> mimeType = Optional.ofNullable(si.mimeType()).map(String::strip).filter(m -> !m.isEmpty());
        return new Valid(sid, profile, mimeType, payload.get(), methods);
    }
}
