package io.sift.negotiation.internal;

import org.jivesoftware.smack.provider.ProviderManager;

/**
 * Puts this bundle's {@code <si/>} provider in Smack's JVM-wide ProviderManager, in place of the one
 * smack-extensions registers at Smack's start-up (which parses only the file-transfer profile and
 * throws on what it does not expect). Registering has to wait until Smack has initialised, or Smack's
 * start-up would overwrite it: the first bound account proves that it has.
 */
final class SiProviderRegistration {

    private final SiIqProvider provider;
    private boolean registered; // guarded by this

    SiProviderRegistration(SiIqProvider provider) {
        this.provider = provider;
    }

    /** Registers the provider, or registers it again if something replaced it. */
    synchronized void ensureRegistered() {
        if (!isInPlace()) {
            ProviderManager.addIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, provider);
        }
        registered = true;
    }

    /** Removes the provider if it is still the registered one; a provider someone else put there stays. */
    synchronized void remove() {
        if (registered && isInPlace()) {
            ProviderManager.removeIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        }
        registered = false;
    }

    synchronized boolean isInPlace() {
        Object current = ProviderManager.getIQProvider(SiNamespaces.SI_ELEMENT, SiNamespaces.SI);
        return current == provider;
    }
}
