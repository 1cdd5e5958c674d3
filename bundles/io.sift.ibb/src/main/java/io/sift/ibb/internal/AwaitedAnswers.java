package io.sift.ibb.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/**
 * The answers that one connection's in-band requests await, found by one listener. Smack's own
 * asynchronous request adds a listener and a filter for each request, runs the filter of every
 * awaited request against each stanza that arrives (64 of them with a full window), schedules a
 * timeout task that stays queued after the answer came, and calls back on a pooled thread: about
 * 0.7 s of the sender's CPU per 256 MiB. Here a map keyed by stanza id finds the one request an
 * answer belongs to, and a timeout is cancelled with its answer.
 *
 * <p>An answer counts only from the entity the request went to, as Smack's reply filter has it: a
 * request to nobody (the account's server) may be answered by the server or the account itself, and
 * one to the account's bare JID also without a sender. Anything else with the id is ignored, so that
 * a forged answer neither completes the request nor stops the wait for the real one.
 */
final class AwaitedAnswers {

    private record Awaited(Jid to, CompletableFuture<IQ> answer) {
    }

    private static final String LEFT = "the in-band method left the connection";

    private final XMPPConnection connection;
    private final Map<String, Awaited> byId = new ConcurrentHashMap<>();
    private final StanzaListener listener = this::answered;
    private volatile boolean closed;

    AwaitedAnswers(XMPPConnection connection) {
        this.connection = connection;
        // sync: answers are taken in the order they arrive, off the connection's reader thread
        connection.addSyncStanzaListener(listener, this::isAwaited);
    }

    /**
     * Sends {@code request}; the future completes with its answer (a result or an error IQ), with a
     * {@link TimeoutException} when none came within {@code timeoutMillis}, or, before this returns,
     * with the reason it could not be sent.
     */
    CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        if (!connection.isConnected()) {
            answer.completeExceptionally(new NotConnectedException());
            return answer;
        }
        String id = request.getStanzaId();
        Awaited awaited = new Awaited(request.getTo(), answer);
        if (id == null || byId.putIfAbsent(id, awaited) != null) {
            answer.completeExceptionally(new IllegalArgumentException("a request needs an id of its own: " + id));
            return answer;
        }
        if (closed) {
            // closed while this was on its way in: no listener would hear the answer
            failed(id, awaited, new NotConnectedException(LEFT));
            return answer;
        }
        // the timeout takes the request out of the map before it fails it: once it has failed, an
        // answer that comes late is not taken; an answer, or a failure, cancels the timeout
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        deadline.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((none, late) -> {
            if (late instanceof TimeoutException && byId.remove(id, awaited)) {
                answer.completeExceptionally(late);
            }
        });
        answer.whenComplete((result, error) -> deadline.complete(null));
        try {
            connection.sendStanza(request);
        } catch (NotConnectedException e) {
            failed(id, awaited, e);
        } catch (InterruptedException e) {
            if (connection.isConnected()) {
                Thread.currentThread().interrupt();
                failed(id, awaited, e);
            } else {
                // how Smack's writer refuses a stanza once the connection dropped, resumable or not
                failed(id, awaited, new NotConnectedException());
            }
        }
        return answer;
    }

    private void failed(String id, Awaited awaited, Exception why) {
        byId.remove(id, awaited);
        awaited.answer().completeExceptionally(why);
    }

    /** Stops listening; what still waits fails as not connected, and so does what is asked later. */
    void close() {
        closed = true;
        connection.removeSyncStanzaListener(listener);
        for (Map.Entry<String, Awaited> entry : byId.entrySet()) {
            failed(entry.getKey(), entry.getValue(), new NotConnectedException(LEFT));
        }
    }

    /** Runs on the connection's reader thread for every stanza: a lookup, nothing more. */
    private boolean isAwaited(Stanza stanza) {
        if (!(stanza instanceof IQ iq) || iq.isRequestIQ()) {
            return false;
        }
        String id = iq.getStanzaId();
        return id != null && byId.containsKey(id);
    }

    private void answered(Stanza stanza) {
        IQ iq = (IQ) stanza;
        String id = iq.getStanzaId();
        Awaited awaited = byId.get(id);
        if (awaited != null && comesFromAddressee(iq.getFrom(), awaited.to(), connection.getUser(),
                connection.getXMPPServiceDomain()) && byId.remove(id, awaited)) {
            awaited.answer().complete(iq);
        }
    }

    /** Whether an answer from {@code from} may answer a request sent to {@code to} by {@code self}. */
    static boolean comesFromAddressee(Jid from, Jid to, EntityFullJid self, DomainBareJid server) {
        if (to == null) {
            return from == null || from.equals(server) || (self != null && from.asBareJid().equals(self.asBareJid()));
        }
        return to.equals(from) || (from == null && self != null && to.equals(self.asBareJid()));
    }
}
