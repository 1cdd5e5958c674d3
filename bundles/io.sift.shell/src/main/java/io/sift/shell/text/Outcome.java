package io.sift.shell.text;

import java.time.Duration;
import java.util.Locale;

import io.sift.api.Direction;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferFailure;
import io.sift.api.TransferState;

/** The one line that tells a person how a transfer ended. */
public final class Outcome {

    private Outcome() {
    }

    /**
     * E.g. {@code Completed: report.pdf (8.0 MiB) to bob@example.org/home in 1.3s, 6.2 MiB/s over ibb; verified
     * by the receiver (SHA-256)}
     * or {@code Failed: report.pdf to bob@example.org: peer unavailable: bob@example.org has no available resource}.
     */
    public static String line(Transfer transfer, Duration elapsed) {
        String toOrFrom = transfer.direction() == Direction.OUTGOING ? " to " : " from ";
        String name = Printable.of(transfer.fileName());
        String peer = Printable.of(transfer.peer());
        TransferState state = transfer.state();
        return switch (state) {
            case COMPLETED -> "Completed: " + name + moved(transfer, toOrFrom + peer, elapsed) + "; " + check(transfer);
            case SENT -> "Sent: " + name + moved(transfer, toOrFrom + peer, elapsed)
                    + "; the receiver did not confirm that it stored the file intact";
            case FAILED -> "Failed: " + name + toOrFrom + peer + ": "
                    + transfer.failure().map(Outcome::failure).orElse("unknown error");
            case DECLINED -> "Declined: " + name + toOrFrom + peer
                    + (transfer.direction() == Direction.OUTGOING ? " (the receiver said no)" : "");
            case CANCELLED -> "Cancelled: " + name + toOrFrom + peer + " after "
                    + Sizes.bytes(transfer.bytesTransferred()) + " of " + Sizes.bytes(transfer.size());
            default -> state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT) + ": " + name
                    + toOrFrom + peer + ", " + Sizes.bytes(transfer.bytesTransferred()) + " of "
                    + Sizes.bytes(transfer.size());
        };
    }

    /** {@code (8.0 MiB) to bob@example.org/home in 1.3s, 6.2 MiB/s over ibb}. */
    private static String moved(Transfer transfer, String toOrFromPeer, Duration elapsed) {
        return " (" + Sizes.bytes(transfer.size()) + ")" + toOrFromPeer + " in " + Sizes.elapsed(elapsed) + ", "
                + Sizes.rate(Sizes.averageRate(transfer.bytesTransferred(), elapsed))
                + transfer.streamMethod().map(m -> " over " + StreamMethods.shortName(m)).orElse("")
                + (transfer.resumedFrom() > 0 ? ", resumed after " + Sizes.bytes(transfer.resumedFrom()) : "");
    }

    /** What was checked of a completed transfer's content. */
    public static String check(Transfer transfer) {
        if (transfer.direction() == Direction.OUTGOING) {
            return "verified by the receiver (SHA-256)";
        }
        return transfer.verified() ? "verified against the sender's hash"
                : "unverified: the sender declared no hash, only the size was checked";
    }

    /** {@code peer unavailable: bob@example.org has no available resource}. */
    public static String failure(TransferFailure failure) {
        String reason = failure.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return reason + ": " + Printable.of(failure.message());
    }
}
