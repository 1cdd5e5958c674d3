package io.sift.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides about incoming file offers (whiteboard: register it as a service).
 *
 * <p>Handlers are asked in order of service ranking, highest first, until one accepts or declines;
 * when every handler passes (or none is registered) the configured default policy decides. A handler
 * may filter on an account with the service property {@link XmppAccount#JID}. It is called on a
 * transfer thread, not on the connection's thread, so it may take time (e.g. ask a person); the
 * sender waits up to its own answer timeout.
 */
@ConsumerType
public interface OfferHandler {

    OfferDecision decide(IncomingOffer offer);
}
