package io.sift.runtime.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import io.sift.api.FileTransferService;
import io.sift.api.XmppAccount;

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

    /** Waits for the account's file transfer service, which exists exactly while it is logged in. */
    static FileTransferService awaitOnline(BundleContext context, String jid, Duration timeout, LogTail log)
            throws CliFailure, InterruptedException {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + FileTransferService.class.getName() + ")("
                    + XmppAccount.JID + "=" + escape(jid) + "))");
        } catch (InvalidSyntaxException e) {
            throw new CliFailure(CliFailure.USAGE, "not a usable JID: " + jid);
        }
        ServiceTracker<FileTransferService, FileTransferService> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        FileTransferService service = tracker.waitForService(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()));
        // the tracker stays open for the run: closing it would release the service object
        if (service == null) {
            tracker.close();
            throw new CliFailure(CliFailure.NOT_ONLINE, jid + " is not online after " + timeout.toSeconds() + " s"
                    + log.lastSiftProblem().map(p -> ": " + p).orElse(" (see --verbose)"));
        }
        return service;
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
