package io.sift.api;

/**
 * Where a configured account stands with its server.
 *
 * @since 1.2
 */
public enum ConnectionState {
    /** An attempt to connect and log in is under way (or the logged-in account is being set up). */
    CONNECTING,
    /** Logged in and announced to peers: its {@link XmppAccount} service is registered. */
    ONLINE,
    /**
     * Not connected; another attempt follows at {@link AccountState#nextAttempt()}, or none when the
     * configuration turned reconnecting off. {@link AccountState#problem()} says what went wrong.
     */
    OFFLINE,
    /**
     * Not connected, and no attempt is made until the configuration changes: the server refused the
     * login, another client took the resource, or the configuration is invalid.
     */
    FAILED
}
