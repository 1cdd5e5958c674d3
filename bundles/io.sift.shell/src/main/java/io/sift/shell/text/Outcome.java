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
     * E.g. {@code Completed: report.pdf (8.0 MiB) to bob@example.org/home in 1.3s, 6.2 MiB/s over ibb}
     * or {@code Failed: report.pdf to bob@example.org: peer unavailable: bob@example.org has no available resource}.
     */
    public static String line(Transfer transfer, Duration elapsed) {
        String toOrFrom = transfer.direction() == Direction.OUTGOING ? " to " : " from ";
        String name = Printable.of(transfer.fileName());
        String peer = Printable.of(transfer.peer());
        TransferState state = transfer.state();
        return switch (state) {
            case COMPLETED -> "Completed: " + name + " (" + Sizes.bytes(transfer.size()) + ")" + toOrFrom + peer
                    + " in " + Sizes.elapsed(elapsed) + ", "
                    + Sizes.rate(Sizes.averageRate(transfer.bytesTransferred(), elapsed))
                    + transfer.streamMethod().map(m -> " over " + StreamMethods.shortName(m)).orElse("");
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

    /** {@code peer unavailable: bob@example.org has no available resource}. */
    public static String failure(TransferFailure failure) {
        String reason = failure.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return reason + ": " + Printable.of(failure.message());
    }
}
