package io.sift.shell.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;

/**
 * Offers that wait for a person: the offer handler's thread blocks in {@link #await} until
 * {@link #accept} or {@link #decline} answers from the shell, the timeout passes, or the queue closes.
 */
public final class PendingOffers {

    /** An offer waiting for an answer, and since when. */
    public record Pending(IncomingOffer offer, Instant since, Instant deadline) {
    }

    private record Entry(Pending pending, CompletableFuture<OfferDecision> answer) {
    }

    private final Map<String, Entry> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Holds the offer until it is answered; returns {@code onTimeout} when the timeout passes first,
     * and {@link OfferDecision#pass()} when the queue closes or the thread is interrupted.
     */
    OfferDecision await(IncomingOffer offer, Duration timeout, OfferDecision onTimeout) {
        if (closed) {
            return OfferDecision.pass();
        }
        Instant now = Instant.now();
        Entry entry = new Entry(new Pending(offer, now, now.plus(timeout)), new CompletableFuture<>());
        if (waiting.putIfAbsent(offer.transferId(), entry) != null) {
            // the same transfer asked twice: the first question stands, this one is not held
            return OfferDecision.pass();
        }
        if (closed) {
            // closed between the check and the put: close() may have missed this entry
            entry.answer().complete(OfferDecision.pass());
        }
        try {
            return entry.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return onTimeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OfferDecision.pass();
        } catch (ExecutionException e) {
            return OfferDecision.pass();
        } finally {
            waiting.remove(offer.transferId(), entry);
        }
    }

    /** Accepts a waiting offer into a directory; false if no offer with this id waits. */
    boolean accept(String transferId, Path directory) {
        return answer(transferId, OfferDecision.acceptInto(directory));
    }

    /** Declines a waiting offer; false if no offer with this id waits. */
    boolean decline(String transferId) {
        return answer(transferId, OfferDecision.decline("declined by the administrator"));
    }

    Optional<Pending> get(String transferId) {
        Entry entry = waiting.get(transferId);
        return entry == null ? Optional.empty() : Optional.of(entry.pending());
    }

    /** The waiting offers, oldest first. */
    List<Pending> pending() {
        return waiting.values().stream()
                .map(Entry::pending)
                .sorted(Comparator.comparing(Pending::since))
                .toList();
    }

    /** Stops holding offers: the waiting ones are passed on to the next handler or the policy. */
    void close() {
        closed = true;
        waiting.values().forEach(entry -> entry.answer().complete(OfferDecision.pass()));
    }

    private boolean answer(String transferId, OfferDecision decision) {
        Entry entry = transferId == null ? null : waiting.get(transferId.strip());
        return entry != null && entry.answer().complete(decision);
    }
}
