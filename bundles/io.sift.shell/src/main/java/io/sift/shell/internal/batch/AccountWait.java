package io.sift.shell.internal.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sift.api.AccountState;
import io.sift.api.AccountStatus;
import io.sift.api.ConnectionState;
import io.sift.api.FileTransferService;
import io.sift.shell.command.CommandFailure;
import io.sift.shell.internal.AccountRows;
import io.sift.shell.internal.Sift;

/**
 * Picks the account a command works with and waits until it is logged in. A login that cannot
 * succeed (refused by the server, the resource taken, an invalid configuration: SIFT does not try
 * again) ends the wait as soon as the account's status says so, not when the wait is over.
 */
final class AccountWait {

    /** How often the account's status is looked at while its service is awaited (the service itself wakes the wait). */
    static final Duration STATUS_CHECK = Duration.ofMillis(50);

    private final Sift sift;

    AccountWait(Sift sift) {
        this.sift = sift;
    }

    /** The account named, else the only one online, else the only one configured. */
    String choose(String requested) throws CommandFailure {
        if (requested != null && !requested.isBlank()) {
            return requested.strip();
        }
        List<String> online = sift.sendingAccounts();
        if (online.size() == 1) {
            return online.get(0);
        }
        List<String> configured = sift.accounts().stream().map(AccountStatus::jid).filter(j -> !j.isBlank())
                .map(j -> j.toLowerCase(Locale.ROOT)).distinct().toList();
        if (configured.isEmpty()) {
            throw new CommandFailure(CommandFailure.USAGE, "no account is configured: put an "
                    + "io.sift.connection-<name>.cfg into the etc folder (see sift:accounts)");
        }
        if (configured.size() > 1) {
            throw new CommandFailure(CommandFailure.USAGE, "several accounts are configured ("
                    + String.join(", ", configured) + "): choose one with --account");
        }
        return configured.get(0);
    }

    /**
     * The account's current file transfer service, waiting up to {@code timeout} for it to log in.
     *
     * @throws CommandFailure {@link CommandFailure#NOT_ONLINE} at once when its login cannot succeed,
     *         or once the time is over
     */
    FileTransferService awaitOnline(AccountFiles files, String jid, Duration timeout)
            throws CommandFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            FileTransferService service = files.current();
            if (service != null) {
                return service;
            }
            Optional<AccountState> failed = failed(jid);
            if (failed.isPresent()) {
                throw new CommandFailure(CommandFailure.NOT_ONLINE, jid + " cannot log in: "
                        + AccountRows.detail(failed.get(), Instant.now()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new CommandFailure(CommandFailure.NOT_ONLINE, jid + " is not online after "
                        + timeout.toSeconds() + " s" + lastProblem(jid).map(p -> ": " + p).orElse(""));
            }
            files.awaitOnline(Duration.ofNanos(Math.min(left, STATUS_CHECK.toNanos())));
        }
    }

    /** The state of the account when every configuration of it failed for good. */
    private Optional<AccountState> failed(String jid) {
        List<AccountState> states = states(jid);
        if (states.isEmpty() || states.stream().anyMatch(s -> s.state() != ConnectionState.FAILED)) {
            return Optional.empty();
        }
        return Optional.of(states.get(0));
    }

    private Optional<String> lastProblem(String jid) {
        return states(jid).stream().flatMap(s -> s.problem().stream()).map(p -> p.message()).findFirst();
    }

    private List<AccountState> states(String jid) {
        return sift.accounts().stream().filter(a -> a.jid().equalsIgnoreCase(jid)).map(AccountStatus::current)
                .toList();
    }
}
