package io.sift.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.sift.api.Direction;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.shell.text.Progress;
import io.sift.shell.text.Sizes;

/** The table of {@code sift:transfers}. */
public final class TransferRows {

    private TransferRows() {
    }

    /** @param waiting whether an offer with this id waits for sift:accept or sift:decline */
    public static TableView table(List<Transfer> transfers, Predicate<String> waiting) {
        TableView.Builder table = TableView.of("ID", "ACCOUNT", "DIR", "PEER", "FILE", "STATE", "DONE", "METHOD");
        for (Transfer t : transfers) {
            long bytes = t.state() == TransferState.COMPLETED || t.state() == TransferState.SENT
                    ? t.size() : t.resumedFrom() + t.bytesTransferred();
            Progress p = new Progress(bytes, t.size(), Double.NaN, null);
            table.row(
                    t.id(),
                    t.account(),
                    t.direction() == Direction.OUTGOING ? "out" : "in",
                    t.peer(),
                    t.fileName(),
                    state(t, waiting),
                    Sizes.bytes(bytes) + "/" + Sizes.bytes(t.size()) + " " + p.percent() + "%",
                    t.streamMethod().map(StreamMethods::shortName).orElse("-"));
        }
        return table.build();
    }

    static String state(Transfer t, Predicate<String> waiting) {
        String state = t.state().name().toLowerCase(Locale.ROOT);
        if (t.state() == TransferState.OFFERED && waiting.test(t.id())) {
            return "waiting (sift:accept " + t.id() + ")";
        } else if (t.state() == TransferState.COMPLETED || t.state() == TransferState.SENT) {
            return state + (t.verified() ? " (verified)" : " (unverified)");
        } else if (t.state() == TransferState.FAILED) {
            return "failed: " + t.failure().map(f -> f.reason().name().toLowerCase(Locale.ROOT)).orElse("?");
        }
        return state;
    }
}
