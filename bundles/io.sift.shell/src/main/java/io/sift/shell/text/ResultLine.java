package io.sift.shell.text;

import java.util.Locale;
import java.util.StringJoiner;

import io.sift.api.StreamMethods;
import io.sift.api.Transfer;

/**
 * The line a script reads for one transfer: tab-separated
 * {@code STATE name size method sha256 where}, where {@code where} is the peer of a sent file or
 * the path of a received one. Missing values are {@code -}; tabs and control characters inside a
 * value become {@code ?}, so the columns always split the same way.
 */
public final class ResultLine {

    private ResultLine() {
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
