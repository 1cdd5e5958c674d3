package io.sift.socks5.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Jids;
import io.sift.common.Printable;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * The SOCKS5 bytestreams of one account: opens streams as initiator (offer, streamhost-used, and
 * for a proxy the connection and its activation), waits for them as target (check the offer, try
 * the streamhosts, name the one used), and ends them all when the account or the method goes.
 *
 * <p>It knows the connection only through {@link Socks5Transport} and the network only through
 * {@link StreamhostConnector} and {@link DirectStreamhost}.
 */
final class Socks5Endpoint {

    /** Beyond a request's own timeout, how long to wait for the transport to report it. */
    private static final long GRACE_MILLIS = 2000;

    private final String account;
    private final String localJid;
    private final Socks5Settings settings;
    private final Socks5Transport transport;
    private final ProxyDirectory proxies;
    private final Supplier<DirectStreamhost> direct;
    private final StreamhostConnector connector;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Logger log;
    private final OpenStreams streams = new OpenStreams();

    // guarded by this
    private final Map<String, ExpectedStream> expected = new HashMap<>();
    private final Set<Opening> openings = new LinkedHashSet<>();
    private StreamException.Kind shutDown;

    /**
     * @param account the account's bare JID, for log lines
     * @param localJid the account's full JID: the JID of its direct streamhost
     * @param direct the direct streamhost, or null while there is none
     * @param executor runs the target's connection attempts
     */
    Socks5Endpoint(String account, String localJid, Socks5Settings settings, Socks5Transport transport,
            ProxyDirectory proxies, Supplier<DirectStreamhost> direct, StreamhostConnector connector,
            Executor executor, Scheduler scheduler, Logger log) {
        this.account = account;
        this.localJid = localJid;
        this.settings = settings;
        this.transport = transport;
        this.proxies = proxies;
        this.direct = direct;
        this.connector = connector;
        this.executor = executor;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** Offers the streamhosts to {@code session.target()} and returns the stream once it carries data. */
    ByteStream open(StreamSession session) throws StreamException, InterruptedException {
        Jid target = Jids.parse(session.target(), "target");
        String dstAddr = DstAddr.of(session);
        Opening opening = new Opening();
        synchronized (this) {
            throwIfShutDown();
            openings.add(opening);
        }
        DirectStreamhost.Arrival arrival = null;
        try {
            List<Streamhost> offered = new ArrayList<>();
            DirectStreamhost listener = direct.get();
            if (listener != null) {
                try {
                    // announced before the offer goes out: the target may connect as soon as it reads it
                    arrival = listener.expect(dstAddr);
                    opening.onAbort(arrival::close);
                    for (String address : listener.addresses()) {
                        offered.add(new Streamhost(localJid, address, listener.port()));
                    }
                } catch (StreamException e) {
                    // stopping, or the same stream opened twice: proxies may still do
                    log.debug("{}: no direct streamhost for SOCKS5 bytestream {}: {}", account,
                            Printable.of(session.sid()), e.getMessage());
                }
            }
            offered.addAll(proxies(opening));
            if (offered.isEmpty()) {
                throw new StreamException(StreamException.Kind.REFUSED,
                        "no streamhost to offer: no direct streamhost and no proxy");
            }
            Connected connected = negotiate(session, target, dstAddr, offered, arrival, opening);
            SocketStream stream = new SocketStream(session, connected.channel(), SocketStream.Role.INITIATOR,
                    streams::remove);
            if (!streams.add(stream)) {
                stream.abort();
                throwIfShutDown();
                throw new StreamException(StreamException.Kind.BROKEN, "the account's streams were ended");
            }
            log.debug("{}: opened SOCKS5 bytestream {} to {} via {}.", account, Printable.of(session.sid()), target,
                    connected.streamhost());
            return stream;
        } finally {
            if (arrival != null) {
                arrival.close();
            }
            synchronized (this) {
                openings.remove(opening);
            }
        }
    }

    private record Connected(Streamhost streamhost, SocketChannel channel) {
    }

    private List<Streamhost> proxies(Opening opening) throws StreamException, InterruptedException {
        try {
            return opening.await(proxies.proxies(), ProxyDirectory.MAX_WAIT_MILLIS + GRACE_MILLIS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        }
    }

    /** Sends the offer and sets up the connection to the streamhost the target names. */
    private Connected negotiate(StreamSession session, Jid target, String dstAddr, List<Streamhost> offered,
            DirectStreamhost.Arrival arrival, Opening opening) throws StreamException, InterruptedException {
        BytestreamQuery offer = BytestreamQuery.offer(session.sid(), offered);
        offer.setTo(target);
        IQ answer = request(offer, settings.usedTimeoutMillis(), opening, "the target's answer to the offer");
        if (answer.getType() == IQ.Type.error) {
            throw new StreamException(StreamException.Kind.REFUSED,
                    "the target could not use the SOCKS5 bytestream: " + Socks5Errors.describe(answer));
        }
        if (!(answer instanceof BytestreamQuery query) || query.streamhostUsed() == null) {
            throw new StreamException(StreamException.Kind.BROKEN, "the target's answer names no streamhost");
        }
        String used = query.streamhostUsed();
        if (arrival != null && Jids.same(used, localJid)) {
            SocketChannel channel;
            try {
                channel = arrival.take(settings.attemptMillis());
            } catch (StreamException e) {
                opening.throwIfAborted(); // the arrival was closed because the account or the method went
                throw e;
            }
            if (channel != null && opening.isAborted()) {
                Sockets.closeQuietly(channel);
            }
            opening.throwIfAborted();
            if (channel == null) {
                throw new StreamException(StreamException.Kind.BROKEN,
                        "the target named the direct streamhost, but its connection did not arrive");
            }
            return new Connected(offered.get(0), channel);
        }
        List<Streamhost> proxies = offered.stream()
                .filter(s -> !Jids.same(s.jid(), localJid) && Jids.same(s.jid(), used))
                .toList();
        if (proxies.isEmpty()) {
            throw new StreamException(StreamException.Kind.BROKEN,
                    "the target named a streamhost that was not offered: " + Printable.of(used));
        }
        Connected connected = connectToProxy(proxies, dstAddr, opening);
        try {
            activate(connected.streamhost(), session, opening);
            return connected;
        } catch (StreamException | InterruptedException | RuntimeException e) {
            Sockets.closeQuietly(connected.channel());
            throw e;
        }
    }

    private Connected connectToProxy(List<Streamhost> candidates, String dstAddr, Opening opening)
            throws StreamException, InterruptedException {
        IOException last = null;
        for (Streamhost proxy : candidates) {
            StreamhostConnector.Attempt attempt = connector.attempt(proxy, dstAddr);
            opening.onAbort(attempt::cancel);
            try {
                return new Connected(proxy, attempt.connect());
            } catch (IOException e) {
                opening.throwIfAborted();
                log.debug("{}: cannot connect to the proxy {}: {}", account, proxy, e.getMessage());
                last = e;
            }
        }
        throw new StreamException(StreamException.Kind.BROKEN,
                "the target used the proxy " + candidates.get(0) + ", but this side cannot connect to it", last);
    }

    /** Asks the proxy to relay; data may only be sent once it confirmed. */
    private void activate(Streamhost proxy, StreamSession session, Opening opening)
            throws StreamException, InterruptedException {
        BytestreamQuery activate = BytestreamQuery.activate(session.sid(), session.target());
        activate.setTo(Jids.parse(proxy.jid(), "proxy"));
        IQ answer = request(activate, settings.activateTimeoutMillis(), opening, "the proxy's activation");
        if (answer.getType() != IQ.Type.result) {
            throw new StreamException(StreamException.Kind.BROKEN,
                    "the proxy " + proxy + " refused the activation: " + Socks5Errors.describe(answer));
        }
    }

    private IQ request(IQ request, long timeoutMillis, Opening opening, String what)
            throws StreamException, InterruptedException {
        try {
            return opening.await(transport.request(request, timeoutMillis), timeoutMillis + GRACE_MILLIS);
        } catch (TimeoutException e) {
            throw timeout(what, timeoutMillis, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw timeout(what, timeoutMillis, cause);
            }
            if (cause instanceof StreamException s) {
                throw new StreamException(s.kind(), s.getMessage(), s);
            }
            throw new StreamException(StreamException.Kind.BROKEN, "cannot send the request for " + what + ": "
                    + cause, cause);
        }
    }

    private static StreamException timeout(String what, long timeoutMillis, Throwable cause) {
        return new StreamException(StreamException.Kind.TIMEOUT,
                "no " + what + " within " + timeoutMillis + " ms", cause);
    }

    /** Registers the stream as expected before returning, so an offer that follows at once is accepted. */
    PendingStream expect(StreamSession session) throws StreamException {
        String sid = session.sid();
        Jids.parse(session.initiator(), "initiator");
        ExpectedStream expectation = new ExpectedStream(session, this::forget);
        synchronized (this) {
            throwIfShutDown();
            if (expected.containsKey(sid)) {
                throw new StreamException(StreamException.Kind.BROKEN, "stream id " + Printable.of(sid) + " is in use");
            }
            expected.put(sid, expectation);
        }
        return expectation;
    }

    /**
     * An offer from an initiator: refused at once with an error, or accepted for trying (null: the
     * answer follows when a streamhost worked or none did).
     */
    IQ handleQuery(BytestreamQuery query) {
        OfferCheck.Outcome outcome = OfferCheck.check(query);
        if (outcome instanceof OfferCheck.Refusal refusal) {
            log.debug("{}: refusing a SOCKS5 bytestream offer from {}: {}.", account, query.getFrom(), refusal.reason());
            return Socks5Errors.reply(query, refusal.condition(), refusal.type());
        }
        OfferCheck.Offer offer = (OfferCheck.Offer) outcome;
        ExpectedStream expectation;
        synchronized (this) {
            expectation = shutDown == null ? expected.get(offer.sid()) : null;
        }
        if (expectation == null || !Jids.isSender(query.getFrom(), expectation.session().initiator())) {
            // never connect anywhere for a stream nobody here waits for
            log.debug("{}: refusing SOCKS5 bytestream {} from {}: not expected from this sender.", account,
                    Printable.of(offer.sid()), query.getFrom());
            return Socks5Errors.reply(query, StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
        }
        StaggeredRace race = new StaggeredRace(offer.streamhosts(), DstAddr.of(expectation.session()), connector,
                executor, scheduler, settings.staggerMillis(), settings.attemptMillis());
        if (!expectation.connecting(race::cancel)) {
            log.debug("{}: refusing a second offer for SOCKS5 bytestream {}.", account, Printable.of(offer.sid()));
            return Socks5Errors.reply(query, StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL);
        }
        log.debug("{}: trying {} streamhost(s) for SOCKS5 bytestream {} from {}.", account,
                offer.streamhosts().size(), Printable.of(offer.sid()), query.getFrom());
        race.start().whenComplete((win, failure) -> raceEnded(query, expectation, win, failure));
        return null;
    }

    private void raceEnded(BytestreamQuery query, ExpectedStream expectation, StaggeredRace.Win win,
            Throwable failure) {
        String sid = expectation.session().sid();
        if (win == null) {
            StreamException reason = failure instanceof StreamException s ? s
                    : new StreamException(StreamException.Kind.REFUSED, "no streamhost could be used", failure);
            // false: the expectation ended first (timeout, cancel, shutdown) and stopped the attempts
            boolean noStreamhost = expectation.end(reason);
            log.debug("{}: SOCKS5 bytestream {} not connected: {}", account, Printable.of(sid), reason.getMessage());
            answer(Socks5Errors.reply(query, noStreamhost ? StanzaError.Condition.item_not_found
                    : StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL));
            return;
        }
        SocketStream stream = new SocketStream(expectation.session(), win.channel(), SocketStream.Role.TARGET,
                streams::remove);
        if (!streams.add(stream)) {
            stream.abort();
            answer(Socks5Errors.reply(query, StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL));
            return;
        }
        if (!answer(BytestreamQuery.used(query, sid, win.streamhost().jid()))) {
            stream.end(StreamException.Kind.OFFLINE, "the account went offline");
            expectation.end(new StreamException(StreamException.Kind.OFFLINE, "the account went offline"));
            return;
        }
        if (!expectation.open(stream)) {
            // ended while the answer went out: the initiator sees the connection close
            stream.abort();
            return;
        }
        log.debug("{}: SOCKS5 bytestream {} connected via {}.", account, Printable.of(sid), win.streamhost());
    }

    private boolean answer(IQ answer) {
        try {
            transport.send(answer);
            return true;
        } catch (StreamException e) {
            log.debug("{}: cannot answer a SOCKS5 bytestream offer: {}", account, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends every stream, expectation and opening of the account with {@code kind}; later calls fail the same way. */
    void shutdown(StreamException.Kind kind, String reason) {
        List<ExpectedStream> expectations;
        List<Opening> opening;
        synchronized (this) {
            if (shutDown != null) {
                return;
            }
            shutDown = kind;
            expectations = new ArrayList<>(expected.values());
            opening = new ArrayList<>(openings);
        }
        StreamException failure = new StreamException(kind, reason);
        expectations.forEach(e -> e.end(failure));
        opening.forEach(o -> o.abort(failure));
        streams.endAll(kind, reason);
    }

    /** Streams open, expected and being opened, for diagnostics and tests. */
    synchronized int activeCount() {
        return expected.size() + openings.size() + streams.size();
    }

    private synchronized void forget(ExpectedStream expectation) {
        expected.remove(expectation.session().sid(), expectation);
    }

    private void throwIfShutDown() throws StreamException {
        StreamException.Kind kind;
        synchronized (this) {
            kind = shutDown;
        }
        if (kind != null) {
            throw new StreamException(kind, "SOCKS5 bytestreams of " + account + " are no longer available");
        }
    }

    /** One open() under way: what it waits for, and what to stop when the account or the method goes. */
    private static final class Opening {

        private final CompletableFuture<Void> abandoned = new CompletableFuture<>();
        private final List<Runnable> stops = new ArrayList<>(); // guarded by this
        private StreamException abandonedBy; // guarded by this

        void onAbort(Runnable stop) {
            synchronized (this) {
                if (abandonedBy == null) {
                    stops.add(stop);
                    return;
                }
            }
            stop.run();
        }

        void abort(StreamException reason) {
            List<Runnable> all;
            synchronized (this) {
                if (abandonedBy != null) {
                    return;
                }
                abandonedBy = reason;
                all = new ArrayList<>(stops);
                stops.clear();
            }
            abandoned.completeExceptionally(reason);
            all.forEach(Runnable::run);
        }

        synchronized boolean isAborted() {
            return abandonedBy != null;
        }

        void throwIfAborted() throws StreamException {
            StreamException reason;
            synchronized (this) {
                reason = abandonedBy;
            }
            if (reason != null) {
                throw new StreamException(reason.kind(), reason.getMessage(), reason);
            }
        }

        /** Waits for {@code future}, but no longer than the opening lasts. */
        <T> T await(CompletableFuture<T> future, long timeoutMillis)
                throws StreamException, InterruptedException, TimeoutException, ExecutionException {
            try {
                CompletableFuture.anyOf(future, abandoned).get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // the future failed (reported below) or the opening was abandoned (checked first)
            }
            throwIfAborted();
            return future.get();
        }
    }
}
