package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.List;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;

/**
 * The stream of an accepted offer: normally the chosen method's. When that one is refused (no SOCKS5
 * streamhost worked), another offered method may still open a stream with the same stream id:
 * libpurple falls back like that, sending an in-band open without a new offer, and a receiver that
 * takes it keeps the transfer.
 */
final class AcceptedStream implements PendingStream {

    /** How long after the chosen method was refused an alternative may still open. */
    static final Duration ALTERNATIVE_GRACE = Duration.ofSeconds(10);

    private final PendingStream chosen;
    private final List<PendingStream> alternatives;
    private final Duration grace;

    AcceptedStream(PendingStream chosen, List<PendingStream> alternatives, Duration grace) {
        this.chosen = chosen;
        this.alternatives = List.copyOf(alternatives);
        this.grace = grace;
    }

    @Override
    public ByteStream await(Duration timeout) throws StreamException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteStream stream;
        try {
            stream = chosen.await(timeout);
        } catch (StreamException e) {
            if (e.kind() != StreamException.Kind.REFUSED || alternatives.isEmpty()) {
                cancelAlternatives(0);
                throw e;
            }
            return awaitAlternative(e, deadline);
        } catch (InterruptedException | RuntimeException e) {
            cancelAlternatives(0);
            throw e;
        }
        cancelAlternatives(0);
        return stream;
    }

    /** Alternatives in preference order, sharing what is left of the grace period. */
    private ByteStream awaitAlternative(StreamException refused, long deadline) throws InterruptedException,
            StreamException {
        long graceEnd = Math.min(deadline, System.nanoTime() + grace.toNanos());
        for (int i = 0; i < alternatives.size(); i++) {
            long left = graceEnd - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                ByteStream stream = alternatives.get(i).await(Duration.ofNanos(left));
                cancelAlternatives(i + 1);
                return stream;
            } catch (StreamException e) {
                refused.addSuppressed(e);
            }
        }
        cancelAlternatives(0);
        throw refused;
    }

    @Override
    public void cancel() {
        chosen.cancel();
        cancelAlternatives(0);
    }

    private void cancelAlternatives(int from) {
        for (int i = from; i < alternatives.size(); i++) {
            alternatives.get(i).cancel();
        }
    }
}
