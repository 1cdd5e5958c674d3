package io.sift.eclipse.internal;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Component;

/**
 * Passwords in Eclipse secure storage (the default store, node {@code /io.sift.eclipse/secrets}),
 * encrypted by whichever password provider the installation has (the operating system's keyring, or
 * a master password the person chooses). The store is opened on first use: opening it may ask the
 * person for that master password.
 */
@Component(service = SecretStore.class)
public final class SecureStorageSecrets implements SecretStore {

    static final String NODE = "io.sift.eclipse/secrets";

    private ISecurePreferences node() {
        ISecurePreferences root = SecurePreferencesFactory.getDefault();
        if (root == null) {
            throw new IllegalStateException("Eclipse secure storage cannot be opened");
        }
        return root.node(NODE);
    }

    @Override
    public Optional<String> get(String name) {
        try {
            return Optional.ofNullable(node().get(name, null));
        } catch (StorageException e) {
            throw new IllegalStateException("Cannot read " + name + " from Eclipse secure storage: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String name, String value) {
        ISecurePreferences node = node();
        try {
            node.put(name, value, true);
            node.flush();
        } catch (StorageException | IOException e) {
            throw new IllegalStateException("Cannot keep " + name + " in Eclipse secure storage: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String name) {
        ISecurePreferences node = node();
        node.remove(name);
        try {
            node.flush();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot remove " + name + " from Eclipse secure storage: " + e.getMessage(), e);
        }
    }
}
