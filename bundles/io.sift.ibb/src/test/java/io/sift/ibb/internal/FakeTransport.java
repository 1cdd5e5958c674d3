package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * A transport whose requests the test answers by hand (or {@link #autoAnswer} does at once), and
 * which keeps every stanza sent without an answer.
 */
final class FakeTransport implements IbbTransport {

    /** One request and its pending answer. */
    final class Request {
        final IQ iq;
        final long timeoutMillis;
        final CompletableFuture<IQ> answer;

        Request(IQ iq, long timeoutMillis, CompletableFuture<IQ> answer) {
            this.iq = iq;
            this.timeoutMillis = timeoutMillis;
            this.answer = answer;
        }

        void result() {
            answered();
            answer.complete(IQ.createResultIQ(iq));
        }

        /** Answers with a stanza the test wrote as XML, parsed by the registered providers. */
        void answer(IQ parsed) {
            answered();
            answer.complete(parsed);
        }

        void error(StanzaError.Condition condition) {
            answered();
            answer.complete(IbbErrors.reply(iq, condition, StanzaError.Type.CANCEL));
        }

        void timeout() {
            answered();
            answer.completeExceptionally(new TimeoutException("no answer"));
        }

        /** The test completed {@link #answer} itself. */
        void answeredElsewhere() {
            answered();
        }

        private void answered() {
            outstanding.decrementAndGet();
        }
    }

    private final List<Stanza> sent = new ArrayList<>();
    final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger maxOutstanding = new AtomicInteger();

    /** The capabilities node of each peer's presence, as the connection would know it. */
    final Map<Jid, String> capsNodes = new ConcurrentHashMap<>();

    /** When set, answers each request at once with what it returns; what it throws fails the request at once. */
    volatile Function<IQ, IQ> autoAnswer;

    @Override
    public Optional<String> capsNode(Jid peer) {
        return Optional.ofNullable(capsNodes.get(peer));
    }

    @Override
    public void send(Stanza stanza) {
        synchronized (sent) {
            sent.add(stanza);
            sent.notifyAll();
        }
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        Function<IQ, IQ> auto = autoAnswer;
        if (auto != null) {
            try {
                answer.complete(auto.apply(request));
            } catch (RuntimeException cannotSend) {
                // what the answer function throws stands for a request that could not be sent
                answer.completeExceptionally(cannotSend);
            }
            return answer;
        }
        maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
        requests.add(new Request(request, timeoutMillis, answer));
        return answer;
    }

    Request nextRequest() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "expected a request");
        return r;
    }

    List<Stanza> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Waits until a stanza of the given class was sent, and returns it. */
    <S extends Stanza> S awaitSent(Class<S> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (sent) {
            while (true) {
                for (Stanza s : sent) {
                    if (type.isInstance(s)) {
                        return type.cast(s);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " was sent: " + sent);
                }
                TimeUnit.NANOSECONDS.timedWait(sent, left);
            }
        }
    }
}
