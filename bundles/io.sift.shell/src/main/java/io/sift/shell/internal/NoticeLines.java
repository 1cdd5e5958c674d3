package io.sift.shell.internal;

import java.time.Duration;

import io.sift.api.IncomingOffer;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;
import io.sift.shell.text.Sizes;

/** The wording of console notices; each starts with {@code sift:} so it is told apart from other output. */
public final class NoticeLines {

    static final String PREFIX = "sift: ";

    private NoticeLines() {
    }

    /** {@code sift: offer 12 from bob@example.org/home to alice@example.org: report.pdf (8.0 MiB); sift:accept 12 [DIR] or sift:decline 12 within 110s}. */
    public static String offer(IncomingOffer offer, Duration timeout) {
        return PREFIX + "offer " + offer.transferId() + " from " + Printable.of(offer.peer()) + " to " + offer.account()
                + ": " + Printable.of(offer.fileName()) + " (" + Sizes.bytes(offer.size()) + ")"
                + offer.description().map(d -> ", \"" + Printable.of(d) + "\"").orElse("")
                + "; sift:accept " + offer.transferId() + " [DIR] or sift:decline " + offer.transferId()
                + " within " + Sizes.duration(timeout);
    }

    /** How a received file ended, and where it is: the outcome line of the transfer when it is known. */
    public static String received(TransferEvent event, Transfer transfer) {
        if (transfer != null) {
            String where = transfer.file().map(f -> " -> " + Printable.of(f.toString())).orElse("");
            return PREFIX + Outcome.line(transfer, Duration.between(transfer.started(), event.time())) + where;
        }
        return PREFIX + event.type().name().toLowerCase(java.util.Locale.ROOT) + ": " + Printable.of(event.fileName())
                + " from " + Printable.of(event.peer())
                + event.failure().map(f -> ": " + Outcome.failure(f)).orElse("");
    }
}
