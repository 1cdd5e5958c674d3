package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

import io.sift.api.AccountStatus;
import io.sift.api.XmppAccount;

/** The wait for the configured accounts' status services, in a real OSGi framework. */
class AccountStatusesTest {

    /** What the runtime allows. */
    private static final Duration WITHIN = AccountStatuses.READY;

    @TempDir
    Path storage;

    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void start() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "io.sift.api"));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /**
     * The status arrives while the command waits, again and again: every time the wait ends because it
     * arrived. (It used to count the tracker's services right after being woken, before the tracker
     * counted the one that woke it, and then slept out its 10 s: about half of all {@code sift.jar send} runs.)
     */
    @Test
    void endsWhenTheStatusArrivesWhileItWaits() throws Exception {
        for (int round = 0; round < 20; round++) {
            String jid = "user" + round + "@example.org";
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
                waiter.set(Thread.currentThread());
                try {
                    return AccountStatuses.await(context, List.of(jid), WITHIN);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaiting(waiter);
            ServiceRegistration<AccountStatus> status = register(jid);
            try {
                // half the deadline: a wait that missed the arrival sleeps on until the deadline itself
                assertTrue(waited.get(WITHIN.toMillis() / 2, TimeUnit.MILLISECONDS), "round " + round);
            } finally {
                status.unregister();
            }
        }
    }

    @Test
    void endsAtOnceWhenTheStatusesAreThereAlready() throws Exception {
        ServiceRegistration<AccountStatus> alice = register("Alice@example.org");
        ServiceRegistration<AccountStatus> bob = register("bob@example.org");
        assertTrue(AccountStatuses.await(context, List.of("alice@example.org", "bob@example.org"), WITHIN));
        alice.unregister();
        bob.unregister();
    }

    @Test
    void endsAtItsDeadlineWhenAnAccountNeverArrives() throws Exception {
        ServiceRegistration<AccountStatus> alice = register("alice@example.org");
        assertFalse(AccountStatuses.await(context, List.of("alice@example.org", "carol@example.org"),
                Duration.ofMillis(200)));
        alice.unregister();
    }

    /** Until the thread has started waiting (for at most 20 s). */
    private static void awaitWaiting(AtomicReference<Thread> waiter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the command never started waiting");
            Thread.onSpinWait();
        }
    }

    private ServiceRegistration<AccountStatus> register(String jid) {
        AccountStatus status = (AccountStatus) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AccountStatus.class}, (proxy, method, args) -> null);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, jid);
        return context.registerService(AccountStatus.class, status, props);
    }
}
