package io.sift.runtime.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.framework.BundleContext;

/** Picks the account a command works with and waits until it is logged in. */
final class Accounts {

    private Accounts() {
    }

    /** The account named with --account, or the only one configured. */
    static String choose(Optional<String> requested, List<String> configured) throws CliFailure {
        if (requested.isPresent()) {
            return requested.get().strip();
        }
        if (configured.isEmpty()) {
            throw new CliFailure(CliFailure.USAGE, "no account is configured: put an io.sift.connection-<name>.cfg "
                    + "into the --etc folder, or give --jid and --password");
        }
        List<String> distinct = configured.stream().map(j -> j.toLowerCase(Locale.ROOT)).distinct().toList();
        if (distinct.size() > 1) {
            throw new CliFailure(CliFailure.USAGE, "several accounts are configured (" + String.join(", ", configured)
                    + "): choose one with --account");
        }
        return configured.get(0);
    }

    /**
     * Follows the account's file transfer service, which exists exactly while it is logged in, and
     * waits until it is. Later changes (offline, online again) are told on {@code err}.
     */
    static AccountFiles awaitOnline(BundleContext context, String jid, Duration timeout, LogTail log,
            PrintStream err) throws CliFailure, InterruptedException {
        AccountFiles files = AccountFiles.open(context, jid, notice -> {
            err.println(notice);
            err.flush();
        });
        boolean online = false;
        try {
            online = files.awaitOnline(timeout) != null;
        } finally {
            if (!online) {
                files.close();
            }
        }
        if (!online) {
            throw new CliFailure(CliFailure.NOT_ONLINE, jid + " is not online after " + timeout.toSeconds() + " s"
                    + log.lastSiftProblem().map(p -> ": " + p).orElse(" (see --verbose)"));
        }
        return files;
    }
}
