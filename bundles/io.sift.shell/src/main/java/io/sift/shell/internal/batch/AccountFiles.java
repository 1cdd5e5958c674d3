package io.sift.shell.internal.batch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.sift.api.FileTransferService;
import io.sift.api.Transfer;
import io.sift.api.XmppAccount;
import io.sift.shell.command.CommandFailure;

/**
 * One account's file transfers across its sessions. Its {@link FileTransferService} exists while the
 * account is logged in: it is unregistered when the account goes offline (a server restart, a
 * network break) and a new one is registered when it is back, and each knows only the transfers of
 * its own session. A command that runs for a while follows the account through this instead of
 * keeping the service it started with, and says when the account goes offline and comes back.
 */
public final class AccountFiles implements AutoCloseable {

    private final String jid;
    private final ServiceTracker<FileTransferService, FileTransferService> tracker;
    /** Every service of this run, newest first: one whose session ended still knows its transfers. */
    private final Deque<FileTransferService> sessions = new ConcurrentLinkedDeque<>();
    private volatile boolean closing;

    private AccountFiles(BundleContext context, String jid, Filter filter, Consumer<String> notices) {
        this.jid = jid;
        this.tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public FileTransferService addingService(ServiceReference<FileTransferService> reference) {
                FileTransferService service = super.addingService(reference);
                if (service != null) {
                    boolean again = !sessions.isEmpty();
                    sessions.addFirst(service);
                    if (again) {
                        notices.accept("Online again: " + service.account());
                    }
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<FileTransferService> reference, FileTransferService service) {
                if (!closing) {
                    notices.accept("Offline: " + service.account() + ", waiting for it to log in again");
                }
                super.removedService(reference, service);
            }
        };
    }

    /**
     * Starts following the account's service; {@link #close()} stops.
     *
     * @param notices told, in a line for people, when the account goes offline and when it is back
     */
    static AccountFiles open(BundleContext context, String jid, Consumer<String> notices) throws CommandFailure {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + FileTransferService.class.getName() + ")("
                    + XmppAccount.JID + "=" + escape(jid) + "))");
        } catch (InvalidSyntaxException e) {
            throw new CommandFailure(CommandFailure.USAGE, "not a usable JID: " + jid);
        }
        AccountFiles files = new AccountFiles(context, jid, filter, notices);
        files.tracker.open();
        return files;
    }

    /** The account's bare JID as its service names it, once it was online; as configured before. */
    String account() {
        FileTransferService latest = sessions.peekFirst();
        return latest == null ? jid : latest.account();
    }

    /** The service of the account's current session, or null while it is offline. */
    FileTransferService current() {
        ServiceReference<FileTransferService>[] references = tracker.getServiceReferences();
        if (references == null) {
            return null;
        }
        // a new session's service may be registered a moment before the old one is gone
        return Arrays.stream(references)
                .max(Comparator.comparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)))
                .map(tracker::getService)
                .orElse(null);
    }

    /** The current session's service, waiting up to {@code timeout} for the account to be online; null if not. */
    FileTransferService awaitOnline(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            FileTransferService service = current();
            if (service != null) {
                return service;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            // at least 1 ms: 0 would wait for ever
            tracker.waitForService(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** A transfer of any session of this run, the latest first. */
    Optional<Transfer> transfer(String id) {
        for (FileTransferService service : sessions) {
            Optional<Transfer> transfer = service.transfer(id);
            if (transfer.isPresent()) {
                return transfer;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closing = true;
        tracker.close();
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
