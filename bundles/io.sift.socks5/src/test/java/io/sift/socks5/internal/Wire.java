package io.sift.socks5.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XMPP entities connected in memory, as through a server. Every stanza goes out as XML and is
 * parsed again on the receiving side with the registered providers, then handled on that side's
 * handler thread.
 */
final class Wire implements AutoCloseable {

    /** One entity's end of the wire. */
    final class Side implements Socks5Transport {
        final Jid jid;
        private final ExecutorService handlerThread;
        private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
        /** Answers requests (get and set); null: the answer is sent later, or never. */
        volatile Function<IQ, IQ> requests = iq -> Socks5Errors.reply(iq,
                StanzaError.Condition.feature_not_implemented, StanzaError.Type.CANCEL);

        Side(String jid) {
            this.jid = JidCreate.fromOrThrowUnchecked(jid);
            this.handlerThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "handler " + jid);
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
            Side to = sides.get(stanza.getTo());
            if (to == null) {
                return; // nobody there: the request times out
            }
            String xml = stanza.toXML().toString();
            try {
                to.handlerThread.execute(() -> to.receive(xml));
            } catch (RejectedExecutionException wireClosed) {
                // the test is over: stanzas still under way are lost, as on a closed connection
            }
        }

        private void receive(String xml) {
            try {
                IQ iq = PacketParserUtils.parseStanza(xml);
                if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
                    CompletableFuture<IQ> answer = pending.remove(iq.getStanzaId());
                    if (answer != null) {
                        answer.complete(iq);
                    }
                    return;
                }
                IQ answer = requests.apply(iq);
                if (answer != null) {
                    send(answer);
                }
            } catch (Exception | AssertionError e) {
                failures.incrementAndGet();
                throw new IllegalStateException("cannot handle " + xml, e);
            }
        }
    }

    private final Map<Jid, Side> sides = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();

    Side side(String jid) {
        Side side = new Side(jid);
        sides.put(side.jid, side);
        return side;
    }

    @Override
    public void close() {
        sides.values().forEach(s -> s.handlerThread.shutdownNow());
    }
}
