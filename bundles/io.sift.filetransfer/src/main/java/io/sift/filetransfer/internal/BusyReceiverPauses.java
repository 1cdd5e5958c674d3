package io.sift.filetransfer.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The pauses between offers of one file to a receiver that answered it has too many offers of this
 * account in hand (a SIFT receiver limits them per sender): as its other transfers end it takes more,
 * so the offer is made again, sooner at first, then less often. The receiver gets as long as a person
 * gets to answer an offer; after that the file was not taken in time.
 */
final class BusyReceiverPauses {

    static final Duration FIRST = Duration.ofMillis(250);
    static final Duration LONGEST = Duration.ofSeconds(4);

    private final LongSupplier nanoClock;
    private final long deadlineNanos;
    private Duration next = FIRST;

    /** @param patience how long, from now, the receiver may stay busy */
    BusyReceiverPauses(Duration patience, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + patience.toNanos();
    }

    /** The pause before the next offer, never past the deadline; empty when the patience is spent. */
    Optional<Duration> next() {
        long left = deadlineNanos - nanoClock.getAsLong();
        if (left <= 0) {
            return Optional.empty();
        }
        Duration pause = next.toNanos() < left ? next : Duration.ofNanos(left);
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
        return Optional.of(pause);
    }
}
