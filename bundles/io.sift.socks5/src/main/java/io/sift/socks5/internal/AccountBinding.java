package io.sift.socks5.internal;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.osgi.service.log.Logger;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamException;

/**
 * This method's presence on one logged-in account: the bytestreams request handler on its
 * connection, its proxies, and its {@link Socks5Endpoint}. The handler is removed again in
 * {@link #close}.
 */
final class AccountBinding {

    private final AccountConnection account;
    private final XMPPConnection connection;
    private final Socks5Endpoint endpoint;
    private final IQRequestHandler handler;

    AccountBinding(AccountConnection account, Socks5Settings settings, Supplier<DirectStreamhost> direct,
            StreamhostConnector connector, Executor executor, Scheduler scheduler, Logger log) {
        this.account = account;
        this.connection = account.connection();
        Socks5Transport transport = new SmackTransport(connection);
        ProxyDirectory proxies = new ProxyDirectory(account.jid(), account.user().getDomain().toString(), settings,
                transport, System::nanoTime, log);
        this.endpoint = new Socks5Endpoint(account.jid(), account.user().toString(), settings, transport, proxies,
                direct, connector, executor, scheduler, log);
        this.handler = new QueryHandler(endpoint::handleQuery, log);
        IQRequestHandler previous = connection.registerIQRequestHandler(handler);
        if (previous != null) {
            log.warn("{}: replaced another handler of bytestreams requests ({}).", account.jid(),
                    previous.getClass().getName());
        }
        if (settings.discoverProxies() || !settings.proxies().isEmpty()) {
            // so the first transfer finds the proxies known
            proxies.prefetch();
        }
    }

    AccountConnection account() {
        return account;
    }

    Socks5Endpoint endpoint() {
        return endpoint;
    }

    /** Removes the handler and ends the account's streams with {@code kind}. */
    void close(StreamException.Kind kind, String reason) {
        connection.unregisterIQRequestHandler(handler);
        endpoint.shutdown(kind, reason);
    }
}
