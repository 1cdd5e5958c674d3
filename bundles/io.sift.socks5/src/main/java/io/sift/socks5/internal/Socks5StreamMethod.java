package io.sift.socks5.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.log.Logger;

import io.sift.common.Printable;
import io.sift.common.Rehearsal;
import io.sift.connection.AccountConnection;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/**
 * The SOCKS5 stream method: one {@link AccountBinding} per logged-in account, each session served
 * by the binding of its account, and the threads every account shares.
 */
final class Socks5StreamMethod implements StreamMethod {

    /**
     * Connection attempts running at once, over all accounts. Each waits for a TCP connect or a
     * SOCKS5 reply, bounded by the timeouts; beyond this, further attempts fail at once rather than
     * queue behind stuck ones.
     */
    static final int MAX_ATTEMPT_THREADS = 64;
    static final String REHEARSAL_THREAD = "sift-rehearsal-socks5";

    private final Socks5Settings settings;
    private final BytestreamProviders providers;
    private final Logger log;
    private final ThreadPoolExecutor attempts;
    private final ScheduledThreadPoolExecutor timers;
    private final StreamhostConnector connector;
    /** A bytestream set up inside this process once the first account is online, so that a peer's first one is quicker. */
    private final Rehearsal rehearsal;
    private volatile DirectStreamhost direct;

    // guarded by this; keyed by identity: a reconnected account is a new service object
    private final Map<AccountConnection, AccountBinding> bindings = new IdentityHashMap<>();
    private boolean closed;

    Socks5StreamMethod(Socks5Settings settings, BytestreamProviders providers, Logger log) {
        this(settings, providers, new SocketConnector(settings.connectTimeoutMillis(), settings.handshakeTimeoutMillis()),
                log);
    }

    Socks5StreamMethod(Socks5Settings settings, BytestreamProviders providers, StreamhostConnector connector,
            Logger log) {
        this.settings = settings;
        this.providers = providers;
        this.connector = connector;
        this.log = log;
        this.attempts = new ThreadPoolExecutor(0, MAX_ATTEMPT_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("sift-socks5-connect-"));
        this.timers = new ScheduledThreadPoolExecutor(1, daemons("sift-socks5-timer-"));
        this.timers.setRemoveOnCancelPolicy(true);
        this.rehearsal = new Rehearsal(REHEARSAL_THREAD,
                new Socks5Rehearsal(settings, connector, attempts, Scheduler.of(timers), log)::carried,
                failure -> log.debug("The SOCKS5 rehearsal failed; the first bytestream sets up more slowly: {}",
                        failure.toString()));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String namespace() {
        return Bytestreams.NAMESPACE;
    }

    @Override
    public ByteStream open(StreamSession session) throws StreamException, InterruptedException {
        return endpointOf(session).open(session);
    }

    @Override
    public PendingStream expect(StreamSession session) throws StreamException {
        return endpointOf(session).expect(session);
    }

    /** The direct streamhost appeared (or was replaced); offers made from now on include it. */
    synchronized void directAvailable(DirectStreamhost streamhost) {
        direct = streamhost;
    }

    /** The direct streamhost went away; offers from now on carry proxies only. */
    synchronized void directGone(DirectStreamhost streamhost) {
        if (direct == streamhost) {
            direct = null;
        }
    }

    synchronized void bind(AccountConnection account) {
        if (closed || bindings.containsKey(account)) {
            return;
        }
        // Smack has initialised by the time an account is logged in, with smack-extensions' providers
        providers.register();
        bindings.put(account, new AccountBinding(account, settings, () -> direct, connector, attempts,
                Scheduler.of(timers), log));
        rehearsal.startOnceQuiet(account.connection());
    }

    void unbind(AccountConnection account) {
        AccountBinding binding;
        synchronized (this) {
            binding = bindings.remove(account);
        }
        if (binding != null) {
            binding.close(StreamException.Kind.OFFLINE, "the account " + account.jid() + " went offline");
        }
    }

    /** Ends every account's streams with METHOD_GONE, stops the threads and takes the provider out of Smack. */
    void shutdown() {
        List<AccountBinding> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(bindings.values());
            bindings.clear();
        }
        rehearsal.stop();
        for (AccountBinding binding : all) {
            binding.close(StreamException.Kind.METHOD_GONE, "the SOCKS5 stream method was stopped");
        }
        attempts.shutdownNow();
        timers.shutdownNow();
        providers.unregister();
    }

    private Socks5Endpoint endpointOf(StreamSession session) throws StreamException {
        String account = session.account().toLowerCase(Locale.ROOT);
        synchronized (this) {
            if (closed) {
                throw new StreamException(StreamException.Kind.METHOD_GONE, "the SOCKS5 stream method was stopped");
            }
            for (AccountBinding binding : bindings.values()) {
                if (binding.account().jid().toLowerCase(Locale.ROOT).equals(account)) {
                    return binding.endpoint();
                }
            }
        }
        throw new StreamException(StreamException.Kind.OFFLINE,
                "the account " + Printable.of(session.account()) + " is not logged in");
    }
}
