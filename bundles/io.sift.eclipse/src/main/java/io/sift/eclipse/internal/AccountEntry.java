package io.sift.eclipse.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * One account as the preference page shows and edits it: the properties of a configuration of
 * factory PID {@code io.sift.connection} (see the README's "Configuring an account"), except the
 * password, which lives in secure storage.
 *
 * @param pid the configuration's PID; empty for an account not saved yet
 * @param jid bare JID
 * @param host server host; empty: found through DNS
 * @param port server port
 * @param securityMode {@code REQUIRED}, {@code IF_POSSIBLE} or {@code DISABLED}
 * @param resource resource; empty: the server picks one
 */
public record AccountEntry(Optional<String> pid, String jid, String host, int port, String securityMode,
        String resource) {

    public static final String FACTORY_PID = "io.sift.connection";

    public AccountEntry {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(securityMode, "securityMode");
        Objects.requireNonNull(resource, "resource");
    }

    public static AccountEntry newAccount() {
        return new AccountEntry(Optional.empty(), "", "", 5222, "REQUIRED", "");
    }

    /** The name of a new account's configuration ({@code io.sift.connection~NAME}), from its JID. */
    public String configurationName() {
        return jid.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
