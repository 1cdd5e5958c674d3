package io.sift.filetransfer.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jivesoftware.smack.packet.IQ;

/**
 * The receiving side of {@link FileCheck} for one account: the checksums its incoming transfers
 * expect, and the verdicts they owe their senders. A checksum may arrive before the last byte (it
 * travels through the server, the bytes may not), and a verdict may be ready before the question (a
 * receiver that failed); whichever comes second sends the answer. Concluded entries are kept a while
 * for a late question, then dropped; the number of entries is bounded, and a transfer that finds no
 * room goes without the check instead of taking a live entry's place.
 */
final class CheckInbox {

    /** How long a verdict waits for its question after the transfer ended. */
    static final Duration KEEP_CONCLUDED = Duration.ofMinutes(2);

    private record Key(String peer, String sid) {

        // written out: a record's generated equals and hashCode link through invokedynamic on their
        // first call, several milliseconds each in a fresh process, which its first transfer would pay
        @Override
        public boolean equals(Object other) {
            return other instanceof Key o && Objects.equals(peer, o.peer) && Objects.equals(sid, o.sid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(peer, sid);
        }
    }

    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Key, Expected> entries = new LinkedHashMap<>(); // guarded by this

    CheckInbox(int maxEntries, LongSupplier nanoClock) {
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * An incoming transfer from {@code peer} over stream {@code sid} will be asked for its verdict.
     *
     * @return null when this many transfers already wait for theirs: the transfer then goes without
     *         the check (its answer does not promise one) rather than push out another's
     */
    synchronized Expected expect(String peer, String sid) {
        dropExpired();
        if (entries.size() >= maxEntries) {
            // concluded entries only wait for a late question: the oldest of them make room
            Iterator<Expected> oldest = entries.values().iterator();
            while (entries.size() >= maxEntries && oldest.hasNext()) {
                if (oldest.next().concluded()) {
                    oldest.remove();
                }
            }
            if (entries.size() >= maxEntries) {
                return null;
            }
        }
        Expected expected = new Expected();
        entries.put(new Key(peer.toLowerCase(Locale.ROOT), sid), expected);
        return expected;
    }

    /**
     * A checksum request arrived.
     *
     * @param reply sends an answer (now, or later from the transfer's thread)
     */
    void received(ChecksumIq request, Consumer<IQ> reply) {
        if (request.getFrom() == null || request.sid() == null) {
            reply.accept(CheckVerdict.answer(request, new CheckVerdict.Unanswered("no stream id or sender")));
            return;
        }
        Expected expected;
        synchronized (this) {
            dropExpired();
            expected = entries.get(new Key(request.getFrom().toString().toLowerCase(Locale.ROOT),
                    request.sid()));
        }
        if (expected == null) {
            reply.accept(CheckVerdict.answer(request,
                    new CheckVerdict.Unanswered("no transfer over stream " + request.sid() + " is known")));
            return;
        }
        expected.asked(request, reply);
    }

    private void dropExpired() {
        long now = nanoClock.getAsLong();
        entries.values().removeIf(e -> e.expired(now));
    }

    /** One transfer's side of the exchange. */
    final class Expected {

        private final CompletableFuture<Optional<String>> checksum = new CompletableFuture<>();
        private IQ question; // guarded by this
        private Consumer<IQ> reply; // guarded by this
        private CheckVerdict verdict; // guarded by this
        private long concludedAt; // guarded by this
        private boolean answered; // guarded by this

        /** Waits for the sender's SHA-256; empty if it sent none. */
        Optional<String> awaitChecksum(Duration timeout) throws InterruptedException, TimeoutException {
            try {
                return checksum.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return Optional.empty();
            }
        }

        /** The transfer ended; the sender gets this verdict when it asks (now, if it has). */
        void conclude(CheckVerdict outcome) {
            IQ answer = null;
            Consumer<IQ> to = null;
            synchronized (this) {
                if (verdict != null) {
                    return;
                }
                verdict = outcome;
                concludedAt = nanoClock.getAsLong();
                if (question != null) {
                    answer = CheckVerdict.answer(question, outcome);
                    to = reply;
                    answered = true;
                }
            }
            checksum.complete(Optional.empty());
            if (to != null) {
                to.accept(answer);
            }
        }

        private void asked(ChecksumIq request, Consumer<IQ> replyTo) {
            IQ answer;
            Consumer<IQ> to;
            synchronized (this) {
                if (verdict != null) {
                    answer = CheckVerdict.answer(request, verdict);
                    to = replyTo;
                    answered = true;
                } else if (question != null) {
                    // asked again before the end: the newer question waits for the verdict
                    answer = CheckVerdict.answer(question, new CheckVerdict.Unanswered("asked again"));
                    to = reply;
                    question = request;
                    reply = replyTo;
                } else {
                    question = request;
                    reply = replyTo;
                    checksum.complete(request.sha256());
                    return;
                }
            }
            to.accept(answer);
        }

        private synchronized boolean concluded() {
            return verdict != null;
        }

        private synchronized boolean expired(long now) {
            return answered || verdict != null && now - concludedAt > KEEP_CONCLUDED.toNanos();
        }
    }
}
