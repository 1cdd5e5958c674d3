package io.sift.connection.internal;

import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import io.sift.api.XmppAccount;
import io.sift.connection.AccountConnection;

/**
 * Keeps one account logged in and its {@link AccountConnection} service registered exactly while
 * the connection is authenticated.
 *
 * <p>Connection attempts run on the session's own thread; after a failed attempt or a lost
 * connection the next one is scheduled with {@link ReconnectBackoff}. A refused login (wrong
 * password) or a stream conflict (another client took the resource) is not retried: retrying
 * cannot succeed and would only hammer the server.
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
    private final XMPPTCPConnection connection;

    private ServiceRegistration<?> registration; // guarded by this
    private volatile boolean closed;

    /** @param name how log lines name this account: its configuration PID */
    AccountSession(AccountSettings settings, String name, BundleContext context, Logger log) {
        this.settings = settings;
        this.name = name;
        this.context = context;
        this.log = log;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sift-account " + settings.jid());
            t.setDaemon(true);
            return t;
        });
        this.connection = SmackConnections.create(settings);
        this.connection.addConnectionListener(new Listener());
    }

    void start() {
        worker.execute(this::connect);
    }

    private void connect() {
        if (closed || connection.isAuthenticated()) {
            return;
        }
        try {
            if (!connection.isConnected()) {
                connection.connect();
            }
            connection.login();
            // the Listener registers the service on 'authenticated'
        } catch (SASLErrorException e) {
            log.error("{}: the server refused the login of {} ({}); check the password. Not retrying.",
                    name, settings.jid(), e.getSASLFailure().getSASLErrorString());
            connection.disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            connection.instantShutdown();
            retryLater("cannot log in: " + describe(e));
        }
    }

    private void retryLater(String why) {
        if (closed) {
            return;
        }
        if (!settings.reconnect()) {
            log.warn("{}: {} {}; reconnect is off.", name, settings.jid(), why);
            return;
        }
        Duration delay = backoff.nextDelay();
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

    private synchronized void register(XMPPConnection conn) {
        if (closed || registration != null || conn.getUser() == null) {
            return;
        }
        RegisteredAccount account = new RegisteredAccount(conn, conn.getUser());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, account.jid());
        props.put(XmppAccount.BOUND_JID, account.boundJid());
        registration = context.registerService(
                new String[] {AccountConnection.class.getName(), XmppAccount.class.getName()}, account, props);
        log.info("{}: {} logged in as {}.", name, settings.jid(), account.boundJid());
    }

    private synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework withdrew it first
            }
            registration = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        unregister();
        worker.shutdownNow();
        if (connection.isConnected()) {
            connection.disconnect();
        } else {
            connection.instantShutdown();
        }
        try {
            worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Smack calls this on its own threads; state changes go to the session's thread or under its lock. */
    private final class Listener implements ConnectionListener {

        @Override
        public void authenticated(XMPPConnection conn, boolean resumed) {
            onWorker(backoff::reset);
            register(conn);
        }

        @Override
        public void connectionClosed() {
            unregister();
        }

        @Override
        public void connectionClosedOnError(Exception e) {
            unregister();
            if (e instanceof StreamErrorException streamError
                    && streamError.getStreamError().getCondition() == StreamError.Condition.conflict) {
                log.error("{}: {} was disconnected because another client logged in with the same resource. "
                        + "Not reconnecting; give each client its own resource.", name, settings.jid());
                return;
            }
            onWorker(() -> retryLater("lost the connection (" + describe(e) + ")"));
        }
    }
}
