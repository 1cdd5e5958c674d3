package io.sift.negotiation.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A logged-in Smack connection without a socket: what is sent is recorded (and may be answered by a
 * scripted peer), and stanzas "received" go through Smack's own dispatch, IQ handlers included.
 */
final class LoopbackConnection extends AbstractXMPPConnection {

    final BlockingQueue<Stanza> sent = new LinkedBlockingQueue<>();
    /** The rehearsals' threads that added a listener of sent stanzas, in order (Smack's managers add some too). */
    final BlockingQueue<Thread> sendingListenerAdders = new LinkedBlockingQueue<>();
    /** Listeners of sent stanzas that rehearsals removed so far. */
    final AtomicInteger sendingListenersRemoved = new AtomicInteger();
    /** Answers a sent stanza with XML to receive, or null for no answer. */
    volatile Function<Stanza, String> peer = stanza -> null;

    LoopbackConnection(String fullJid) throws Exception {
        super(new Configuration.Builder().setXmppDomain(JidCreate.entityFullFrom(fullJid).asDomainBareJid())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled).build());
        user = JidCreate.entityFullFrom(fullJid);
        connected = true;
        authenticated = true;
    }

    @Override
    public void addStanzaSendingListener(StanzaListener listener, StanzaFilter filter) {
        super.addStanzaSendingListener(listener, filter);
        if (onRehearsalThread()) {
            sendingListenerAdders.add(Thread.currentThread());
        }
    }

    @Override
    public void removeStanzaSendingListener(StanzaListener listener) {
        super.removeStanzaSendingListener(listener);
        if (onRehearsalThread()) {
            sendingListenersRemoved.incrementAndGet();
        }
    }

    /** Smack's own managers add listeners from the constructor on, before this class's fields are set. */
    private static boolean onRehearsalThread() {
        return Thread.currentThread().getName().startsWith("sift-rehearsal-");
    }

    /** Dispatches a stanza as if it came from the server. */
    void receive(String xml) throws Exception {
        processStanza(PacketParserUtils.parseStanza(xml));
    }

    Stanza nextSent() throws InterruptedException {
        Stanza stanza = sent.poll(10, TimeUnit.SECONDS);
        if (stanza == null) {
            throw new AssertionError("nothing was sent within 10 s");
        }
        return stanza;
    }

    void goOffline() {
        connected = false;
        authenticated = false;
    }

    @Override
    protected void sendStanzaInternal(Stanza stanza) {
        sent.add(stanza);
        String answer = peer.apply(stanza);
        if (answer != null) {
            // answered from another thread, as a real connection's reader would
            Thread reader = new Thread(() -> {
                try {
                    receive(answer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "loopback-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    @Override
    public void sendNonza(Nonza nonza) {
        // no stream-level traffic without a socket
    }

    @Override
    public boolean isSecureConnection() {
        return false;
    }

    @Override
    public boolean isUsingCompression() {
        return false;
    }

    @Override
    protected void connectInternal() {
        // already "connected"
    }

    @Override
    protected void loginInternal(String username, String password, Resourcepart resource) {
        // already "logged in"
    }

    @Override
    public void instantShutdown() {
        goOffline();
    }

    @Override
    protected void shutdown() {
        goOffline();
    }

    private static final class Configuration extends ConnectionConfiguration {

        private Configuration(Builder builder) {
            super(builder);
        }

        static final class Builder extends ConnectionConfiguration.Builder<Builder, Configuration> {
            @Override
            public Configuration build() {
                return new Configuration(this);
            }

            @Override
            protected Builder getThis() {
                return this;
            }
        }
    }
}
