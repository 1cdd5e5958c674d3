package io.sift.socks5.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.connection.AccountConnection;

/**
 * A logged-in account whose connection records the handlers added to it and the stanzas sent
 * through it. Requests that wait for an answer are not supported: they fail as on a broken connection.
 */
final class FakeConnection {

    final Map<String, IQRequestHandler> handlers = new LinkedHashMap<>();
    final List<Stanza> sent = new ArrayList<>();
    /** The filters of stanza listeners added and not removed, received and sent. */
    private final Map<StanzaListener, StanzaFilter> receivedFilters = new HashMap<>();
    private final Map<StanzaListener, StanzaFilter> sentFilters = new HashMap<>();
    private int stanzaListenersAdded;
    final XMPPConnection connection;
    final AccountConnection account;

    FakeConnection(String fullJid) {
        connection = (XMPPConnection) Proxy.newProxyInstance(XMPPConnection.class.getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> {
                    synchronized (this) {
                        switch (method.getName()) {
                            case "registerIQRequestHandler" -> {
                                IQRequestHandler h = (IQRequestHandler) args[0];
                                return handlers.put(h.getElement() + " " + h.getNamespace() + " " + h.getType(), h);
                            }
                            case "unregisterIQRequestHandler" -> {
                                IQRequestHandler h = (IQRequestHandler) args[0];
                                return handlers.remove(h.getElement() + " " + h.getNamespace() + " " + h.getType());
                            }
                            case "addSyncStanzaListener", "addStanzaSendingListener" -> {
                                (method.getName().contains("Sync") ? receivedFilters : sentFilters)
                                        .put((StanzaListener) args[0], (StanzaFilter) args[1]);
                                stanzaListenersAdded++;
                                return null;
                            }
                            case "removeSyncStanzaListener", "removeStanzaSendingListener" -> {
                                boolean removed = (method.getName().contains("Sync") ? receivedFilters : sentFilters)
                                        .remove(args[0]) != null;
                                return method.getReturnType() == boolean.class ? removed : null;
                            }
                            case "sendStanza" -> {
                                sent.add((Stanza) args[0]);
                                notifyAll();
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "FakeConnection " + fullJid;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    }
                });
        EntityFullJid user = JidCreate.entityFullFromOrThrowUnchecked(fullJid);
        XMPPConnection c = connection;
        account = new AccountConnection() {
            @Override
            public String jid() {
                return user.asEntityBareJidString();
            }

            @Override
            public String boundJid() {
                return user.toString();
            }

            @Override
            public XMPPConnection connection() {
                return c;
            }

            @Override
            public EntityFullJid user() {
                return user;
            }
        };
    }

    synchronized List<Stanza> sent() {
        return List.copyOf(sent);
    }

    /** Waits until a stanza was sent, and returns the first one. */
    synchronized Stanza awaitSent() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (sent.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nothing was sent");
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return sent.get(0);
    }

    /** Stanza listeners, received and sent, added and not removed. */
    synchronized int stanzaListeners() {
        return receivedFilters.size() + sentFilters.size();
    }

    /** Stanza listeners ever added, received and sent. */
    synchronized int stanzaListenersAdded() {
        return stanzaListenersAdded;
    }

    /** A stanza comes in: every received-stanza filter sees it, as Smack shows it to them; none may want it. */
    synchronized void stanzaArrives() {
        for (StanzaFilter filter : receivedFilters.values()) {
            if (filter.accept(null)) {
                throw new AssertionError("a filter let a stanza through");
            }
        }
    }
}
