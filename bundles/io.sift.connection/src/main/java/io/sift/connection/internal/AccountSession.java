package io.sift.connection.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import io.sift.api.AccountProblem;
import io.sift.api.AccountStatus;
import io.sift.api.ContactView;
import io.sift.api.XmppAccount;
import io.sift.connection.AccountConnection;

/**
 * Keeps one account logged in and its services registered exactly while the connection is
 * authenticated.
 *
 * <p>After each login the account is made known in two steps. First {@link AccountConnection} is
 * registered without any presence sent: the bundles that serve the account bind it (synchronously,
 * as the service registers) and add their request handlers and disco#info features. Only then does
 * the available presence go out, with the entity capabilities of those features, and is the public
 * {@link XmppAccount} registered. A peer that asks what SIFT can do the instant it sees the presence
 * therefore never gets the answer of an account that is still being set up.
 *
 * <p>Connection attempts run on the session's own thread, each with a Smack connection of its own
 * ({@link SmackSession}); after a failed attempt or a lost connection the next one is scheduled with
 * {@link ReconnectBackoff}. A refused login (wrong
 * password) or a stream conflict (another client took the resource) is not retried: retrying
 * cannot succeed and would only hammer the server.
 *
 * <p>Every step is reported to the account's {@link StatusTracker} (its public {@link AccountStatus}),
 * with the problem that made an attempt fail. While the account is announced, its {@link ContactView}
 * is registered too; the {@link ContactBook} behind it starts before the presence goes out, so no
 * contact's answering presence is missed.
 */
final class AccountSession implements AutoCloseable {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final AccountSettings settings;
    private final String name;
    private final BundleContext context;
    private final Logger log;
    private final ScheduledExecutorService worker;
    private final ReconnectBackoff backoff =
            new ReconnectBackoff(FIRST_RETRY, MAX_RETRY, () -> ThreadLocalRandom.current().nextDouble());
    private final SoftwareIdentity software;
    private final StatusTracker status;
    private final ContactListeners contactListeners;
    private final FeatureCache features = new FeatureCache();

    private ServiceRegistration<AccountConnection> connectionRegistration; // guarded by this
    private ServiceRegistration<XmppAccount> announcement; // guarded by this
    private ServiceRegistration<ContactView> contactRegistration; // guarded by this
    private ContactBook contacts; // guarded by this
    private SmackSession smack; // guarded by this; a fresh one for every attempt to connect
    private boolean closed; // guarded by this

    /** @param name how log lines name this account: its configuration PID */
    AccountSession(AccountSettings settings, String name, BundleContext context, Logger log, StatusTracker status,
            ContactListeners contactListeners) {
        this.settings = settings;
        this.name = name;
        this.context = context;
        this.log = log;
        this.status = status;
        this.contactListeners = contactListeners;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sift-account " + settings.jid());
            t.setDaemon(true);
            return t;
        });
        this.software = SoftwareIdentity.of(context.getBundle().getVersion());
    }

    void start() {
        worker.execute(this::connect);
    }

    private void connect() {
        XMPPTCPConnection connection = freshConnection();
        if (connection == null) {
            return;
        }
        status.connecting();
        try {
            connection.connect();
            connection.login();
            // the Listener registers the service on 'authenticated'
        } catch (SASLErrorException e) {
            // reported before the disconnect, whose own report must find the account failed already
            status.failed(AccountProblems.refused(e));
            log.error("{}: the server refused the login of {} ({}); check the password. Not retrying.",
                    name, settings.jid(), e.getSASLFailure().getSASLErrorString());
            connection.disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            connection.instantShutdown();
            retryLater("cannot log in: " + describe(e), AccountProblems.attemptFailed(e, server()));
        }
    }

    /**
     * Replaces the previous attempt's Smack connection (see {@link SmackSession} for why it is not used
     * again); null when the account is logged in or closed.
     */
    private synchronized XMPPTCPConnection freshConnection() {
        if (closed || smack != null && smack.connection().isAuthenticated()) {
            return null;
        }
        if (smack != null) {
            smack.close();
        }
        SmackSession fresh = new SmackSession(settings, software);
        if (fresh.smackCapsComputed()) {
            log.warn("{}: Smack computed its own entity capabilities before SIFT took them over; presences of {} "
                    + "may carry a version that does not match its features.", name, settings.jid());
        }
        fresh.connection().addConnectionListener(new Listener(fresh));
        smack = fresh;
        return fresh.connection();
    }

    /** Where attempts go, as configured: the host (or the JID's domain, found by DNS) and the port. */
    private String server() {
        return settings.host().orElse(settings.jid().getDomain().toString()) + ":" + settings.port();
    }

    private void retryLater(String why, AccountProblem problem) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (!settings.reconnect()) {
            status.offline(problem, Optional.empty());
            log.warn("{}: {} {}; reconnect is off.", name, settings.jid(), why);
            return;
        }
        Duration delay = backoff.nextDelay();
        status.offline(problem, Optional.of(Clock.systemUTC().instant().plus(delay)));
        log.info("{}: {} {}; next attempt in {} ms.", name, settings.jid(), why, delay.toMillis());
        try {
            worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // nothing to retry for
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closedMeanwhile) {
            // the session is closing; the task no longer matters
        }
    }

    /** Registers the account for the bundles that serve it, then announces it (see the class comment). */
    private synchronized void register(SmackSession session) {
        XMPPConnection conn = session.connection();
        if (closed || session != smack || connectionRegistration != null || conn.getUser() == null) {
            return;
        }
        RegisteredAccount account = new RegisteredAccount(conn, conn.getUser(), session.peers());
        connectionRegistration = context.registerService(AccountConnection.class, account, properties(account));
        contacts = new ContactBook(conn, account.jid(), features, contactListeners, log, Clock.systemUTC());
        try {
            conn.sendStanza(conn.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
        } catch (NotConnectedException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.info("{}: {} lost the connection before it could announce itself.", name, settings.jid());
            return; // the connection listener withdraws the registration
        }
        announcement = context.registerService(XmppAccount.class, account, properties(account));
        Hashtable<String, Object> viewProperties = new Hashtable<>();
        viewProperties.put(XmppAccount.JID, account.jid());
        viewProperties.put(AccountStatus.CONFIGURATION_PID, name);
        contactRegistration = context.registerService(ContactView.class, contacts, viewProperties);
        status.online(account.boundJid());
        log.info("{}: {} logged in as {}.", name, settings.jid(), account.boundJid());
    }

    private static Hashtable<String, Object> properties(RegisteredAccount account) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, account.jid());
        props.put(XmppAccount.BOUND_JID, account.boundJid());
        return props;
    }

    private synchronized void unregister() {
        withdrawAnnouncement();
        connectionRegistration = unregisterQuietly(connectionRegistration);
    }

    private synchronized void withdrawAnnouncement() {
        contactRegistration = unregisterQuietly(contactRegistration);
        announcement = unregisterQuietly(announcement);
        if (contacts != null) {
            contacts.close();
            contacts = null;
        }
    }

    private static <S> ServiceRegistration<S> unregisterQuietly(ServiceRegistration<S> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework withdrew it first
            }
        }
        return null;
    }

    @Override
    public void close() {
        SmackSession last;
        synchronized (this) {
            closed = true;
            last = smack;
        }
        status.close();
        withdrawAnnouncement();
        worker.shutdownNow();
        // offline first, then the serving bundles let go: were their features withdrawn while the account is
        // online, Smack would announce the account once more, as one that can do nothing
        if (last != null && last.connection().isConnected()) {
            last.connection().disconnect();
        } else if (last != null) {
            last.connection().instantShutdown();
        }
        unregister();
        try {
            worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null) {
            last.close();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private synchronized boolean current(SmackSession session) {
        return session == smack;
    }

    /**
     * Smack calls this on its own threads; state changes go to the session's thread or under its lock.
     * Only the latest attempt's connection speaks for the account.
     */
    private final class Listener implements ConnectionListener {

        private final SmackSession session;

        Listener(SmackSession session) {
            this.session = session;
        }

        @Override
        public void authenticated(XMPPConnection conn, boolean resumed) {
            if (!current(session)) {
                return;
            }
            onWorker(backoff::reset);
            register(session);
        }

        @Override
        public void connectionClosed() {
            if (current(session)) {
                unregister();
            }
        }

        @Override
        public void connectionClosedOnError(Exception e) {
            if (!current(session)) {
                return;
            }
            unregister();
            if (e instanceof StreamErrorException streamError
                    && streamError.getStreamError().getCondition() == StreamError.Condition.conflict) {
                status.failed(AccountProblems.conflict());
                log.error("{}: {} was disconnected because another client logged in with the same resource. "
                        + "Not reconnecting; give each client its own resource.", name, settings.jid());
                return;
            }
            AccountProblem problem = AccountProblems.lost(e);
            // offline at once; the retry and its time follow on the session's thread
            status.offline(problem, Optional.empty());
            onWorker(() -> retryLater("lost the connection (" + describe(e) + ")", problem));
        }
    }
}
