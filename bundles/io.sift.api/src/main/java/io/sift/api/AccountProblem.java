package io.sift.api;

import java.util.List;
import java.util.Objects;

/**
 * What keeps a configured account offline, or made its last attempt fail.
 *
 * @param kind the kind of problem
 * @param message one line for people (the server's or the network's words where there are any)
 * @param details for {@link Kind#BAD_CONFIGURATION}, one entry per bad field (e.g. {@code port: 70000 is
 *        out of range (1-65535)}); empty otherwise
 * @since 1.2
 */
public record AccountProblem(Kind kind, String message, List<String> details) {

    /** The kinds of problem, each with what SIFT does about it. */
    public enum Kind {
        /** The server refused the login: wrong password, or no such user. Not retried. */
        AUTH_REFUSED,
        /** The configuration is invalid ({@link AccountProblem#details()} lists every bad field). Not started. */
        BAD_CONFIGURATION,
        /** Another client logged in with the same resource and the server closed this session. Not retried. */
        CONFLICT,
        /** The server could not be reached: host not found, connection refused or timed out. Retried. */
        UNREACHABLE,
        /** Encryption: TLS was required but not offered, or its handshake failed. Retried. */
        SECURITY,
        /** The connection was up and broke (network, server shutdown, stream error). Retried. */
        CONNECTION_LOST,
        /** Anything else that made an attempt fail, e.g. the server did not answer in time. Retried. */
        ERROR
    }

    public AccountProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
    }

    public AccountProblem(Kind kind, String message) {
        this(kind, message, List.of());
    }

    @Override
    public String toString() {
        return kind + ": " + message + (details.isEmpty() ? "" : " " + details);
    }
}
