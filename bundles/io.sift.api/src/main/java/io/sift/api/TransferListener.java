package io.sift.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears about every transfer of every account (whiteboard: register it as a service), or about one
 * transfer ({@link Transfer#addListener}).
 *
 * <p>Events of one framework are delivered one at a time, in the order they happened, on a thread
 * of SIFT's; a listener should return quickly. The same events go to EventAdmin (when present) under
 * the topics in {@link TransferEvents}.
 */
@ConsumerType
public interface TransferListener {

    void transferEvent(TransferEvent event);
}
