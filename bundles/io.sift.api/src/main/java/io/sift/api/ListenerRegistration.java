package io.sift.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A listener added to one transfer ({@link Transfer#addListener}); closing it removes the listener.
 * Works with try-with-resources.
 *
 * @since 1.2
 */
@ProviderType
public interface ListenerRegistration extends AutoCloseable {

    /**
     * Removes the listener: it hears no event delivered after this call returns (an event it is
     * hearing on SIFT's event thread at that moment runs to its end). Closing again does nothing.
     */
    @Override
    void close();
}
