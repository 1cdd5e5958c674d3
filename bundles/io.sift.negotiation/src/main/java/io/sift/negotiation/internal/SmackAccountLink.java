package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.RosterLoadedListener;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import io.sift.connection.AccountConnection;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.NegotiationException.Kind;

/** {@link AccountLink} over an account's Smack connection. */
final class SmackAccountLink implements AccountLink {

    /** Beyond the answer timeout, how long to wait for Smack's own timeout to report. */
    private static final long GRACE_MILLIS = 5_000;

    /**
     * How long after log-in a contact's presence may still be on its way: the server sends the
     * contacts' presences only after the account's own, which goes out as the account is announced.
     */
    private static final Duration CONTACT_PRESENCES_ARRIVING = Duration.ofSeconds(5);

    private final AccountConnection account;
    private final XMPPConnection connection;
    private final Set<CompletableFuture<IQ>> waiting = ConcurrentHashMap.newKeySet();
    private final long loggedInNanos = System.nanoTime();
    private volatile boolean closed;

    /** Created as the account is bound, just before its presence goes out. */
    SmackAccountLink(AccountConnection account) {
        this.account = account;
        this.connection = account.connection();
    }

    @Override
    public String account() {
        return account.jid();
    }

    @Override
    public String localJid() {
        return account.boundJid();
    }

    @Override
    public boolean isOnline() {
        return !closed && connection.isAuthenticated();
    }

    @Override
    public List<String> availableResources(String bareJid) {
        try {
            return byPriority(Roster.getInstanceFor(connection).getAvailablePresences(JidCreate.bareFrom(bareJid)));
        } catch (XmppStringprepException e) {
            return List.of();
        }
    }

    @Override
    public List<String> awaitAvailableResources(String bareJid) throws InterruptedException {
        long left = CONTACT_PRESENCES_ARRIVING.toNanos() - (System.nanoTime() - loggedInNanos);
        List<String> known = availableResources(bareJid);
        if (!known.isEmpty() || left <= 0 || !presenceExpectedFrom(bareJid, left)) {
            return known;
        }
        Roster roster = Roster.getInstanceFor(connection);
        BareJid contact;
        try {
            contact = JidCreate.bareFrom(bareJid);
        } catch (XmppStringprepException e) {
            return known;
        }
        CountDownLatch arrived = new CountDownLatch(1);
        // told once the roster holds the presence: a listener on the presence stanza itself may run before
        // the roster has taken it in, and then finds the contact still without an available resource
        RosterListener listener = new AbstractRosterListener() {
            @Override
            public void presenceChanged(Presence presence) {
                if (presence.isAvailable() && presence.getFrom() != null
                        && contact.equals(presence.getFrom().asBareJid())) {
                    arrived.countDown();
                }
            }
        };
        roster.addRosterListener(listener);
        try {
            // checked again after the listener is in place: a presence in between is not missed
            known = availableResources(bareJid);
            if (known.isEmpty()) {
                arrived.await(left, TimeUnit.NANOSECONDS);
                known = availableResources(bareJid);
            }
            return known;
        } finally {
            roster.removeRosterListener(listener);
        }
    }

    /** Whether the server sends this account the presences of {@code bareJid} (a contact it is subscribed to). */
    private boolean presenceExpectedFrom(String bareJid, long waitNanos) throws InterruptedException {
        try {
            Roster roster = Roster.getInstanceFor(connection);
            awaitLoaded(roster, waitNanos);
            RosterEntry entry = roster.getEntry(JidCreate.entityBareFrom(bareJid));
            return entry != null && entry.canSeeHisPresence();
        } catch (XmppStringprepException e) {
            return false;
        }
    }

    /** The roster is requested at log-in; its answer may still be on the way. */
    private static void awaitLoaded(Roster roster, long waitNanos) throws InterruptedException {
        CountDownLatch loaded = new CountDownLatch(1);
        RosterLoadedListener listener = new RosterLoadedListener() {
            @Override
            public void onRosterLoaded(Roster loadedRoster) {
                loaded.countDown();
            }

            @Override
            public void onRosterLoadingFailed(Exception exception) {
                loaded.countDown();
            }
        };
        roster.addRosterLoadedListener(listener);
        try {
            if (!roster.isLoaded()) {
                loaded.await(waitNanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            roster.removeRosterLoadedListener(listener);
        }
    }

    /** Full JIDs of the available presences, highest priority first (ties keep the roster's order). */
    static List<String> byPriority(List<Presence> presences) {
        return presences.stream()
                .filter(Presence::isAvailable)
                .filter(p -> p.getFrom() != null && p.getFrom().hasResource())
                .sorted(Comparator.comparingInt(Presence::getPriority).reversed())
                .map(p -> p.getFrom().toString())
                .distinct()
                .toList();
    }

    @Override
    public Set<String> discoverFeatures(String jid) throws NegotiationException, InterruptedException {
        return features(jid, false);
    }

    @Override
    public Set<String> discoverFeaturesFromPeer(String jid) throws NegotiationException, InterruptedException {
        return features(jid, true);
    }

    @Override
    public Optional<String> announcedCaps(String jid) {
        try {
            return account.peerCapsVersion(JidCreate.from(jid));
        } catch (XmppStringprepException e) {
            return Optional.empty();
        }
    }

    private Set<String> features(String jid, boolean askPeer) throws NegotiationException, InterruptedException {
        try {
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
            // with a node argument (none) Smack skips its entity-capabilities shortcut
            DiscoverInfo info = askPeer ? disco.discoverInfo(jid(jid), null) : disco.discoverInfo(jid(jid));
            return info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).collect(Collectors.toSet());
        } catch (XMPPErrorException e) {
            throw AnswerErrors.forDisco(e.getStanzaError(), jid);
        } catch (NoResponseException e) {
            throw new NegotiationException(Kind.PEER_UNAVAILABLE, jid + " did not answer disco#info", e);
        } catch (NotConnectedException e) {
            throw offline(e);
        }
    }

    @Override
    public IQ exchange(IQ request, Duration timeout) throws NegotiationException, InterruptedException {
        long millis = OfferSender.boundedTimeout(timeout).toMillis();
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        waiting.add(answer);
        try {
            if (closed) {
                throw offline(null);
            }
            connection.sendIqRequestAsync(request, millis)
                    .onSuccess(answer::complete)
                    .onError(answer::completeExceptionally);
            return answer.get(millis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NegotiationException(Kind.TIMEOUT, "no answer from " + request.getTo() + " within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof XMPPErrorException error) {
                return error.getStanza() instanceof IQ iq ? iq : IQ.createErrorResponse(request, error.getStanzaError());
            }
            if (cause instanceof NoResponseException) {
                throw new NegotiationException(Kind.TIMEOUT, "no answer from " + request.getTo() + " within " + timeout);
            }
            if (cause instanceof NegotiationException n) {
                throw new NegotiationException(n.kind(), n.getMessage(), n);
            }
            if (cause instanceof NotConnectedException) {
                throw offline(cause);
            }
            throw new NegotiationException(Kind.PROTOCOL_ERROR, "sending to " + request.getTo() + " failed", cause);
        } finally {
            waiting.remove(answer);
        }
    }

    @Override
    public void send(IQ stanza) throws NegotiationException {
        if (closed) {
            throw offline(null);
        }
        try {
            connection.sendStanza(stanza);
        } catch (NotConnectedException e) {
            throw offline(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NegotiationException(Kind.PROTOCOL_ERROR, "interrupted while sending to " + stanza.getTo(), e);
        }
    }

    /** The account went offline: requests still waiting for an answer fail now rather than at their timeout. */
    void close() {
        closed = true;
        for (CompletableFuture<IQ> answer : waiting) {
            answer.completeExceptionally(offline(null));
        }
    }

    private NegotiationException offline(Throwable cause) {
        return new NegotiationException(Kind.ACCOUNT_OFFLINE, "account " + account.jid() + " is offline", cause);
    }

    private static Jid jid(String jid) throws NegotiationException {
        try {
            return JidCreate.from(jid);
        } catch (XmppStringprepException e) {
            throw new NegotiationException(Kind.PROTOCOL_ERROR, "not a JID: " + jid, e);
        }
    }
}
