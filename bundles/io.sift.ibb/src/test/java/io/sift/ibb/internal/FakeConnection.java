package io.sift.ibb.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

import io.sift.connection.AccountConnection;

/** A logged-in account whose connection records what is added to it and what is sent through it. */
final class FakeConnection {

    final Map<String, IQRequestHandler> handlers = new LinkedHashMap<>();
    final Map<StanzaListener, StanzaFilter> syncListeners = new LinkedHashMap<>();
    final List<Stanza> sent = new ArrayList<>();
    /** While false, sending fails as Smack's does on a connection that is gone. */
    volatile boolean connected = true;
    /** The connection drops as the next stanza is sent: Smack's writer then throws InterruptedException. */
    volatile boolean dropsOnSend;
    /** The sending thread is interrupted: Smack's writer throws InterruptedException. */
    volatile boolean interruptsOnSend;
    final XMPPConnection connection;
    final AccountConnection account;

    FakeConnection(String fullJid) {
        EntityFullJid user = JidCreate.entityFullFromOrThrowUnchecked(fullJid);
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
                            case "addSyncStanzaListener" -> {
                                syncListeners.put((StanzaListener) args[0], (StanzaFilter) args[1]);
                                return null;
                            }
                            case "removeSyncStanzaListener" -> {
                                return syncListeners.remove(args[0]) != null;
                            }
                            case "sendStanza" -> {
                                if (!connected) {
                                    throw new SmackException.NotConnectedException();
                                }
                                if (dropsOnSend) {
                                    connected = false;
                                    throw new InterruptedException("Queue was already shut down");
                                }
                                if (interruptsOnSend) {
                                    throw new InterruptedException();
                                }
                                sent.add((Stanza) args[0]);
                                return null;
                            }
                            case "isConnected" -> {
                                return connected;
                            }
                            case "getUser" -> {
                                return user;
                            }
                            case "getXMPPServiceDomain" -> {
                                return user.asDomainBareJid();
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
}
