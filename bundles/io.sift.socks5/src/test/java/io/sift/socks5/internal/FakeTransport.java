package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;

import io.sift.spi.StreamException;

/**
 * A transport whose requests the test answers by hand (or {@link #autoAnswer} does at once), and
 * which keeps every stanza sent without an answer.
 */
final class FakeTransport implements Socks5Transport {

    /** One request and its pending answer. */
    static final class Request {
        final IQ iq;
        final long timeoutMillis;
        final CompletableFuture<IQ> answer;

        Request(IQ iq, long timeoutMillis, CompletableFuture<IQ> answer) {
            this.iq = iq;
            this.timeoutMillis = timeoutMillis;
            this.answer = answer;
        }

        void answer(IQ response) {
            answer.complete(response);
        }

        void result() {
            answer.complete(IQ.createResultIQ(iq));
        }

        void error(StanzaError.Condition condition) {
            answer.complete(Socks5Errors.reply(iq, condition, StanzaError.Type.CANCEL));
        }

        void timeout() {
            answer.completeExceptionally(new TimeoutException("no answer"));
        }
    }

    private final List<Stanza> sent = new ArrayList<>();
    final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** When set, answers each request at once with what it returns (null: leave it to the test). */
    volatile Function<IQ, IQ> autoAnswer;
    /** When set, sending fails as on a lost connection. */
    volatile boolean offline;

    @Override
    public void send(Stanza stanza) throws StreamException {
        if (offline) {
            throw new StreamException(StreamException.Kind.OFFLINE, "offline");
        }
        synchronized (sent) {
            sent.add(stanza);
            sent.notifyAll();
        }
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, long timeoutMillis) {
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        Function<IQ, IQ> auto = autoAnswer;
        IQ response = auto == null ? null : auto.apply(request);
        if (response != null) {
            answer.complete(response);
            return answer;
        }
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

    /** Waits until a stanza was sent, and returns the first one. */
    Stanza awaitSent() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (sent) {
            while (sent.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("nothing was sent");
                }
                TimeUnit.NANOSECONDS.timedWait(sent, left);
            }
            return sent.get(0);
        }
    }
}
