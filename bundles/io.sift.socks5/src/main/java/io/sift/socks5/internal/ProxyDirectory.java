package io.sift.socks5.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Jids;
import io.sift.common.Numbers;
import io.sift.common.Printable;
import io.sift.spi.StreamException;

/**
 * The SOCKS5 proxies one account offers: those its server lists (disco#items of the server, then
 * disco#info of each item for the proxy/bytestreams identity, then the proxy's own address), and
 * the configured ones. A lookup in which every question was answered is reused for the cache time;
 * one with an unanswered question is used once and not kept, so a server that was slow or a proxy
 * that was down is asked again next time.
 *
 * <p>Lookups run on the connection's answers, without a thread of their own; concurrent callers
 * share one lookup.
 */
final class ProxyDirectory {

    /** Each question to the server or a proxy waits at most this long. */
    static final long REQUEST_TIMEOUT_MILLIS = 5000;
    /** Server items asked about at most: a server lists a handful of components. */
    static final int MAX_ITEMS = 64;
    /** A lookup asks in up to three rounds (items, infos, addresses), each bounded by the request timeout. */
    static final long MAX_WAIT_MILLIS = 3 * REQUEST_TIMEOUT_MILLIS;

    /** Streamhosts found, and whether every question was answered (only then is it cached). */
    record Found(List<Streamhost> streamhosts, boolean complete) {
        static final Found NONE = new Found(List.of(), true);

        static Found merge(List<Found> parts) {
            Set<Streamhost> all = new LinkedHashSet<>();
            boolean complete = true;
            for (Found part : parts) {
                all.addAll(part.streamhosts());
                complete &= part.complete();
            }
            return new Found(List.copyOf(all), complete);
        }
    }

    private final String account;
    private final String serverDomain;
    private final List<ProxyEntry> configured;
    private final boolean discover;
    private final long cacheNanos;
    private final Socks5Transport transport;
    private final LongSupplier nanoClock;
    private final Logger log;

    // guarded by this
    private Found cached;
    private long cachedUntilNanos;
    private CompletableFuture<Found> lookup;

    ProxyDirectory(String account, String serverDomain, Socks5Settings settings, Socks5Transport transport,
            LongSupplier nanoClock, Logger log) {
        this.account = account;
        this.serverDomain = serverDomain;
        this.configured = settings.proxies();
        this.discover = settings.discoverProxies();
        this.cacheNanos = TimeUnit.SECONDS.toNanos(settings.proxyCacheSeconds());
        this.transport = transport;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /** Starts a lookup unless one is cached or under way, so the first transfer need not wait for it. */
    void prefetch() {
        current();
    }

    /**
     * The proxies to offer, proxies of the server first; empty when none could be found. The future
     * never fails, and completes within {@link #MAX_WAIT_MILLIS}.
     */
    CompletableFuture<List<Streamhost>> proxies() {
        return current().handle((found, failure) -> {
            if (found == null) {
                log.debug("{}: looking up SOCKS5 proxies failed: {}", account, String.valueOf(failure));
                return List.of();
            }
            return found.streamhosts();
        });
    }

    private synchronized CompletableFuture<Found> current() {
        if (cached != null && nanoClock.getAsLong() - cachedUntilNanos < 0) {
            return CompletableFuture.completedFuture(cached);
        }
        cached = null;
        if (lookup != null) {
            return lookup;
        }
        CompletableFuture<Found> started = lookUp();
        lookup = started;
        // may run at once, on this thread, when nothing had to be asked
        started.whenComplete((found, failure) -> finished(started, found));
        return started;
    }

    private synchronized void finished(CompletableFuture<Found> done, Found found) {
        if (lookup == done) {
            lookup = null;
        }
        if (found != null && found.complete() && cacheNanos > 0) {
            cached = found;
            cachedUntilNanos = nanoClock.getAsLong() + cacheNanos;
        }
        if (found != null) {
            log.debug("{}: SOCKS5 proxies: {}{}", account, found.streamhosts(),
                    found.complete() ? "" : " (some did not answer)");
        }
    }

    private CompletableFuture<Found> lookUp() {
        List<CompletableFuture<Found>> parts = new ArrayList<>();
        if (discover) {
            parts.add(discoverServerProxies());
        }
        for (ProxyEntry entry : configured) {
            parts.add(entry.streamhost().map(s -> CompletableFuture.completedFuture(new Found(List.of(s), true)))
                    .orElseGet(() -> askAddress(entry.jid())));
        }
        return allOf(parts).thenApply(this::preferConfiguredAddresses);
    }

    /** A proxy configured with an address is offered at that address, even if it also answered with another. */
    private Found preferConfiguredAddresses(Found found) {
        List<Streamhost> result = new ArrayList<>();
        for (Streamhost streamhost : found.streamhosts()) {
            boolean overridden = configured.stream().anyMatch(e -> e.streamhost().isPresent()
                    && Jids.same(e.jid(), streamhost.jid()) && !e.streamhost().get().equals(streamhost));
            if (!overridden) {
                result.add(streamhost);
            }
        }
        return new Found(List.copyOf(result), found.complete());
    }

    private CompletableFuture<Found> discoverServerProxies() {
        DiscoverItems request = new DiscoverItems();
        request.setType(IQ.Type.get);
        try {
            request.setTo(Jids.parse(serverDomain, "server"));
        } catch (StreamException e) {
            return CompletableFuture.completedFuture(new Found(List.of(), false));
        }
        return ask(request).thenCompose(answer -> {
            if (!(answer.orElse(null) instanceof DiscoverItems items) || items.getType() != IQ.Type.result) {
                // an error means the server has no items to tell: nothing is missing
                return CompletableFuture.completedFuture(new Found(List.of(), answer.isPresent()));
            }
            List<CompletableFuture<Found>> proxies = new ArrayList<>();
            for (DiscoverItems.Item item : items.getItems().stream().limit(MAX_ITEMS).toList()) {
                if (item.getEntityID() != null && item.getNode() == null) {
                    proxies.add(askIfProxy(item.getEntityID()));
                }
            }
            return allOf(proxies);
        });
    }

    private CompletableFuture<Found> askIfProxy(Jid item) {
        DiscoverInfo request = new DiscoverInfo();
        request.setType(IQ.Type.get);
        request.setTo(item);
        return ask(request).thenCompose(answer -> {
            if (answer.orElse(null) instanceof DiscoverInfo info && info.getType() == IQ.Type.result
                    && info.hasIdentity(Bytestreams.PROXY_CATEGORY, Bytestreams.PROXY_TYPE)) {
                return askAddress(item.toString());
            }
            return CompletableFuture.completedFuture(new Found(List.of(), answer.isPresent()));
        });
    }

    /** Asks a proxy for its streamhost address. */
    private CompletableFuture<Found> askAddress(String proxyJid) {
        BytestreamQuery request = BytestreamQuery.addressRequest();
        try {
            request.setTo(Jids.parse(proxyJid, "proxy"));
        } catch (StreamException e) {
            return CompletableFuture.completedFuture(Found.NONE);
        }
        return ask(request).thenApply(answer -> {
            if (answer.isEmpty()) {
                return new Found(List.of(), false);
            }
            if (!(answer.get() instanceof BytestreamQuery query) || query.getType() != IQ.Type.result) {
                log.debug("{}: the proxy {} refused to give its address.", account, Printable.of(proxyJid));
                return Found.NONE;
            }
            List<Streamhost> streamhosts = new ArrayList<>();
            for (BytestreamQuery.RawStreamhost raw : query.streamhosts()) {
                int port = Numbers.port(raw.port());
                if (port > 0 && Hosts.isUsable(raw.host())) {
                    // the streamhost-used answer names the JID the offer carried
                    String jid = Jids.isValid(raw.jid()) ? raw.jid() : proxyJid;
                    streamhosts.add(new Streamhost(jid, Hosts.unbracketed(raw.host()), port));
                } else {
                    log.debug("{}: the proxy {} gave an unusable address {}:{}.", account, Printable.of(proxyJid),
                            Printable.of(raw.host()), Printable.of(raw.port()));
                }
            }
            return new Found(List.copyOf(streamhosts), true);
        });
    }

    /** The answer to a request; empty when none came (timeout, not sent). */
    private CompletableFuture<Optional<IQ>> ask(IQ request) {
        return transport.request(request, REQUEST_TIMEOUT_MILLIS)
                .thenApply(Optional::of)
                .exceptionally(e -> Optional.empty());
    }

    private static CompletableFuture<Found> allOf(List<CompletableFuture<Found>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> Found.merge(parts.stream().map(CompletableFuture::join).toList()));
    }
}
