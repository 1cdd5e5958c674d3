package io.sift.runtime.internal;

import java.time.Duration;
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

    static void await(BundleContext context, List<String> jids) throws InterruptedException {
        Set<String> wanted = jids.stream().map(j -> j.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ServiceTracker<AccountStatus, AccountStatus> tracker = new ServiceTracker<>(context, AccountStatus.class, null) {
            @Override
            public AccountStatus addingService(ServiceReference<AccountStatus> reference) {
                AccountStatus status = super.addingService(reference);
                synchronized (this) {
                    notifyAll();
                }
                return status;
            }
        };
        tracker.open();
        try {
            long deadline = System.nanoTime() + READY.toNanos();
            synchronized (tracker) {
                while (!present(tracker, wanted)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return; // the command tells what is missing
                    }
                    tracker.wait(Math.max(1, left / 1_000_000));
                }
            }
        } finally {
            tracker.close();
        }
    }

    private static boolean present(ServiceTracker<AccountStatus, AccountStatus> tracker, Set<String> wanted) {
        ServiceReference<AccountStatus>[] references = tracker.getServiceReferences();
        Set<String> there = references == null ? Set.of() : java.util.Arrays.stream(references)
                .map(r -> r.getProperty(XmppAccount.JID)).filter(String.class::isInstance)
                .map(j -> ((String) j).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return there.containsAll(wanted);
    }
}
