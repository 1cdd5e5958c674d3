package io.sift.ibb.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two accounts connected in memory. Every stanza goes out as XML and is parsed again on the other
 * side with the registered providers, then handled on that side's single handler thread, in order,
 * as Smack does with sync handlers.
 */
final class FakeWire implements AutoCloseable {

    /** One account's end of the wire. */
    final class Side implements IbbTransport {
        final Jid jid;
        final IbbEndpoint endpoint;
        private final ExecutorService handlerThread;
        private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
        private Side peer;

        Side(String fullJid, IbbSettings settings, FlowLimits limits, TestLog log) {
            this.jid = JidCreate.fromOrThrowUnchecked(fullJid);
            this.endpoint = new IbbEndpoint(jid.asBareJid().toString(), settings, PeerRules.NONE, limits, this,
                    side -> { }, log.logger());
            this.handlerThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "handler " + fullJid);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void send(Stanza stanza) {
            stanza.setFrom(jid);
            transmit(stanza);
        }

        @Override
        public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
            request.setFrom(jid);
            CompletableFuture<IQ> answer = new CompletableFuture<>();
            pending.put(request.getStanzaId(), answer);
            answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .whenComplete((a, e) -> pending.remove(request.getStanzaId()));
            transmit(request);
            return answer;
        }

        private void transmit(Stanza stanza) {
            if (drop.test(this, stanza)) {
                return;
            }
            String xml = stanza.toXML().toString();
            try {
                peer.handlerThread.execute(() -> peer.receive(xml));
            } catch (RejectedExecutionException wireClosed) {
                // the test is over: stanzas still under way are lost, as on a closed connection
            }
        }

        private void receive(String xml) {
            try {
                handle(PacketParserUtils.parseStanza(xml));
            } catch (Exception | AssertionError e) {
                failures.incrementAndGet();
                throw new IllegalStateException("cannot handle " + xml, e);
            }
        }

        private void handle(Stanza stanza) {
            if (stanza instanceof Message message) {
                if (message.getExtensionElement(DataElement.ELEMENT, Ibb.NAMESPACE) instanceof DataElement data) {
                    endpoint.handleDataMessage(message.getFrom(), data, message.getType() == Message.Type.error);
                }
                return;
            }
            IQ iq = (IQ) stanza;
            if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
                CompletableFuture<IQ> answer = pending.remove(iq.getStanzaId());
                if (answer != null) {
                    answer.complete(iq);
                }
                return;
            }
            IQ response;
            if (iq instanceof IbbOpen open) {
                response = endpoint.handleOpen(open);
            } else if (iq instanceof IbbDataIq data) {
                response = endpoint.handleData(data);
            } else if (iq instanceof IbbClose close) {
                response = endpoint.handleClose(close);
            } else {
                response = IbbErrors.reply(iq, StanzaError.Condition.feature_not_implemented, StanzaError.Type.CANCEL);
            }
            if (response != null) {
                send(response);
            }
        }
    }

    final Side alice;
    final Side bob;
    final AtomicInteger failures = new AtomicInteger();
    /** Return true to lose a stanza on the way (the side is the sender). */
    volatile BiPredicate<Side, Stanza> drop = (side, stanza) -> false;

    FakeWire(IbbSettings aliceSettings, IbbSettings bobSettings, FlowLimits limits, TestLog log) {
        alice = new Side("alice@localhost/a", aliceSettings, limits, log);
        bob = new Side("bob@localhost/b", bobSettings, limits, log);
        alice.peer = bob;
        bob.peer = alice;
    }

    @Override
    public void close() {
        alice.handlerThread.shutdownNow();
        bob.handlerThread.shutdownNow();
    }
}
