package io.sift.socks5.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Endpoints for tests, with real sockets and threads that {@link #close} stops. */
final class Endpoints implements AutoCloseable {

    final ExecutorService threads = Executors.newCachedThreadPool();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final TestLog log = new TestLog();

    Socks5Endpoint endpoint(String fullJid, Socks5Settings settings, Socks5Transport transport,
            Supplier<DirectStreamhost> direct) {
        return endpoint(fullJid, settings, transport, direct,
                new SocketConnector(settings.connectTimeoutMillis(), settings.handshakeTimeoutMillis()));
    }

    Socks5Endpoint endpoint(String fullJid, Socks5Settings settings, Socks5Transport transport,
            Supplier<DirectStreamhost> direct, StreamhostConnector connector) {
        String bare = fullJid.substring(0, fullJid.indexOf('/'));
        String domain = bare.substring(bare.indexOf('@') + 1);
        ProxyDirectory proxies = new ProxyDirectory(bare, domain, settings, transport, System::nanoTime, log.logger());
        return new Socks5Endpoint(bare, fullJid, settings, transport, proxies, direct, connector, threads,
                Scheduler.of(timers), log.logger());
    }

    @Override
    public void close() {
        threads.shutdownNow();
        timers.shutdownNow();
    }
}
