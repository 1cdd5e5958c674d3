package io.sift.filetransfer.internal;

import org.jivesoftware.smack.provider.ProviderManager;

/**
 * This bundle's parser for checksum requests in Smack's JVM-wide ProviderManager: registered once
 * Smack has initialised (when the first account comes online), removed when the component stops
 * unless something else took its place.
 */
final class ChecksumProvider {

    private final ChecksumIq.Provider provider = new ChecksumIq.Provider();
    private boolean registered; // guarded by this

    synchronized void register() {
        if (!isOurs()) {
            ProviderManager.addIQProvider(FileCheck.CHECKSUM, FileCheck.NAMESPACE, provider);
        }
        registered = true;
    }

    synchronized void unregister() {
        if (registered && isOurs()) {
            ProviderManager.removeIQProvider(FileCheck.CHECKSUM, FileCheck.NAMESPACE);
        }
        registered = false;
    }

    private boolean isOurs() {
        Object current = ProviderManager.getIQProvider(FileCheck.CHECKSUM, FileCheck.NAMESPACE);
        return current == provider;
    }
}
