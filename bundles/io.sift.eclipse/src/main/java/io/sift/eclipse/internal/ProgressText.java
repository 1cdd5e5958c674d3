package io.sift.eclipse.internal;

import java.util.List;

import io.sift.api.Transfer;
import io.sift.api.TransferState;

/**
 * The line the Progress view shows under a transfer job: bytes, rate and method, or what it waits
 * for. E.g. {@code 3.2 MiB of 8.0 MiB at 5.1 MiB/s over socks5}.
 */
public final class ProgressText {

    private ProgressText() {
    }

    public static String of(List<Transfer> transfers, double bytesPerSecond) {
        long total = 0;
        long done = 0;
        boolean moving = false;
        boolean waiting = false;
        String method = null;
        for (Transfer t : transfers) {
            total += t.size();
            done += t.resumedFrom() + t.bytesTransferred();
            moving |= t.state() == TransferState.TRANSFERRING;
            waiting |= t.state() == TransferState.OFFERED;
            if (t.streamMethod().isPresent()) {
                String m = Outcomes.method(t);
                method = method == null || method.equals(m) ? m : "several methods";
            }
        }
        String files = transfers.size() > 1 ? transfers.size() + " files, " : "";
        if (!moving && waiting && done == 0) {
            return files + "waiting for " + Outcomes.bare(transfers.get(0).peer()) + " to accept";
        }
        if (!moving && done == 0) {
            return files + "opening the connection";
        }
        return files + Sizes.bytes(done) + " of " + Sizes.bytes(total) + " at " + Sizes.rate(bytesPerSecond)
                + (method == null ? "" : " over " + method);
    }

    /** Bytes of all transfers that are with the receiver by now. */
    public static long done(List<Transfer> transfers) {
        return transfers.stream().mapToLong(t -> t.resumedFrom() + t.bytesTransferred()).sum();
    }

    public static long total(List<Transfer> transfers) {
        return transfers.stream().mapToLong(Transfer::size).sum();
    }
}
