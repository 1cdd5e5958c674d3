package io.sift.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import io.sift.api.AccountProblem;
import io.sift.api.AccountState;
import io.sift.api.AccountStatus;
import io.sift.shell.text.Sizes;

/**
 * The table of {@code sift:accounts}: one row per account configuration (two configurations of one
 * JID are two rows), with its state and, when it is not online, why.
 */
public final class AccountRows {

    private AccountRows() {
    }

    /**
     * @param sending whether an account (by JID) has file transfer now
     * @param now for the time left until the next attempt
     */
    public static TableView table(List<AccountStatus> accounts, Predicate<String> sending, Instant now) {
        TableView.Builder table = TableView.of("ACCOUNT", "STATE", "CONFIGURATION", "DETAIL").wrapLast();
        for (AccountStatus account : accounts) {
            AccountState state = account.current();
            table.row(account.jid().isEmpty() ? "(no jid)" : account.jid(), state(state, sending.test(account.jid())),
                    account.configurationPid(), detail(state, now));
        }
        return table.build();
    }

    /** {@code online}, {@code connecting}, {@code offline (login refused)}... */
    static String state(AccountState state, boolean sending) {
        return switch (state.state()) {
            case ONLINE -> sending ? "online" : "online (no file transfer)";
            case CONNECTING -> "connecting";
            case OFFLINE, FAILED -> "offline" + state.problem().map(p -> " (" + label(p.kind()) + ")").orElse("");
        };
    }

    /** The session of an online account; else what went wrong, and whether and when it is tried again. */
    public static String detail(AccountState state, Instant now) {
        return switch (state.state()) {
            case ONLINE -> state.boundJid().orElse("");
            case CONNECTING -> state.problem().map(p -> "last attempt: " + clause(p.message())).orElse("");
            case OFFLINE -> state.problem().map(p -> clause(p.message()) + "; ").orElse("")
                    + state.nextAttempt().map(at -> "next attempt in " + Sizes.duration(Duration.between(now, at)))
                            .orElse("reconnect is off");
            case FAILED -> state.problem().map(p -> clause(p.message()) + "; " + advice(p.kind())).orElse("");
        };
    }

    /** A message as a clause that more follows: the server's text may end its sentence. */
    private static String clause(String message) {
        String m = message.strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    static String label(AccountProblem.Kind kind) {
        return switch (kind) {
            case AUTH_REFUSED -> "login refused";
            case BAD_CONFIGURATION -> "bad configuration";
            case CONFLICT -> "resource taken";
            case UNREACHABLE -> "unreachable";
            case SECURITY -> "TLS";
            case CONNECTION_LOST -> "connection lost";
            case ERROR -> "error";
        };
    }

    /** What to do about a problem SIFT does not retry. */
    private static String advice(AccountProblem.Kind kind) {
        return switch (kind) {
            case AUTH_REFUSED -> "check the password; not retried until the configuration changes";
            case CONFLICT -> "give each client its own resource; not retried until the configuration changes";
            case BAD_CONFIGURATION -> "fix the configuration";
            default -> "not retried until the configuration changes";
        };
    }
}
