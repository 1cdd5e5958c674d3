package io.sift.socks5.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.XMPPConnection;
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
}
