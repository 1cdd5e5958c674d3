package io.sift.runtime.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.sift.api.AccountStatus;
import io.sift.api.XmppAccount;

/**
 * Waits until every account just configured has its status service: a command run right after the
 * configuration was handed over then sees the accounts (which one to use, whether its login was
 * refused) as they are, not as they were before.
 */
final class AccountStatuses {

    static final Duration READY = Duration.ofSeconds(10);

    private AccountStatuses() {
    }

    /**
     * @return whether all of them arrived (false: {@code within} passed first, and the command tells
     *         what is missing)
     */
    static boolean await(BundleContext context, List<String> jids, Duration within) throws InterruptedException {
        Set<String> wanted = jids.stream().map(j -> j.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> arrived = new HashSet<>(); // guarded by itself
        // counted as the tracker is told of each service: it tracks a service only once addingService has
        // returned, so asking the tracker right after a wake-up from here would miss the one that woke it
        ServiceTracker<AccountStatus, String> tracker = new ServiceTracker<>(context, AccountStatus.class, null) {
            @Override
            public String addingService(ServiceReference<AccountStatus> reference) {
                if (!(reference.getProperty(XmppAccount.JID) instanceof String jid)) {
                    return null;
                }
                synchronized (arrived) {
                    arrived.add(jid.toLowerCase(Locale.ROOT));
                    arrived.notifyAll();
                }
                return jid;
            }
        };
        tracker.open();
        try {
            long deadline = System.nanoTime() + within.toNanos();
            synchronized (arrived) {
                while (!arrived.containsAll(wanted)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    arrived.wait(Math.max(1, left / 1_000_000));
                }
                return true;
            }
        } finally {
            tracker.close();
        }
    }
}
