package io.sift.shell.text;

import java.util.Locale;
import java.util.StringJoiner;

import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;

/**
 * The line a script reads for one transfer: tab-separated
 * {@code STATE name size method sha256 where}, where {@code sha256} is that of the bytes written
 * (received) or sent, and {@code where} is the peer of a sent file or the path of a received one.
 * Missing values are {@code -}; tabs and control characters inside a value become {@code ?}, so the
 * columns always split the same way. {@link #check} is the word a line may end with.
 */
public final class ResultLine {

    private ResultLine() {
    }

    /** {@code verified} when a hash was checked, {@code unverified} for any other completed or sent transfer, else {@code -}. */
    public static String check(Transfer transfer) {
        if (transfer.state() != TransferState.COMPLETED && transfer.state() != TransferState.SENT) {
            return "-";
        }
        return transfer.verified() ? "verified" : "unverified";
    }

    public static String of(Transfer transfer, String where) {
        return of(transfer, transfer.sha256().orElse(null), where);
    }

    public static String of(Transfer transfer, String sha256, String where) {
        StringJoiner line = new StringJoiner("\t");
        line.add(transfer.state().name());
        line.add(field(transfer.fileName()));
        line.add(Long.toString(transfer.size()));
        line.add(transfer.streamMethod().map(StreamMethods::shortName).map(ResultLine::field).orElse("-"));
        line.add(sha256 == null || sha256.isEmpty() ? "-" : sha256.toLowerCase(Locale.ROOT));
        line.add(field(where));
        return line.toString();
    }

    private static String field(String value) {
        return value == null || value.isEmpty() ? "-" : Printable.of(value);
    }
}
