package io.sift.negotiation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves incoming offers of one SI profile (whiteboard: register it as a service with the property
 * {@link #NAMESPACE}). While it is registered, each account announces the profile in disco#info;
 * offers for a profile nobody serves are refused with {@code <bad-profile/>}.
 */
@ConsumerType
public interface SiProfile {

    /** Service property (String): the profile namespace. */
    String NAMESPACE = "sift.si.profile";

    /**
     * An offer for this profile arrived. Called on a negotiation thread; the profile answers through
     * {@code offer} now or later (it may ask a person), exactly once.
     */
    void offered(IncomingStreamOffer offer);
}
