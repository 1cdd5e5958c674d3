package io.sift.socks5.internal;

/**
 * What the direct streamhost allows connections that have not identified their stream.
 *
 * @param deadlineMillis from the accept to the end of the SOCKS5 reply, however the bytes trickle in
 * @param total connections held at once
 * @param perSource connections held at once from one source (an IPv4 address, an IPv6 /64)
 */
record PendingLimits(long deadlineMillis, int total, int perSource) {

    PendingLimits {
        if (deadlineMillis < 1 || total < 1 || perSource < 1) {
            throw new IllegalArgumentException("limits must be positive: " + deadlineMillis + ", " + total + ", "
                    + perSource);
        }
    }
}
