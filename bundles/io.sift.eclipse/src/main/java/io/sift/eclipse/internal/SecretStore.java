package io.sift.eclipse.internal;

import java.util.Optional;

/**
 * Where account passwords are kept, by name. Configurations name a password with the placeholder
 * {@code $[secret:NAME]} and never hold it themselves.
 */
public interface SecretStore {

    Optional<String> get(String name);

    void put(String name, String value);

    void remove(String name);
}
