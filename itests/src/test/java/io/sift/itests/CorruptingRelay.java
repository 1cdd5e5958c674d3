package io.sift.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback that corrupts: it forwards every connection to a target, and in the
 * target-to-client direction inverts one byte at a fixed offset of each connection. Put in front of
 * a SOCKS5 streamhost, past its handshake, it corrupts the file's bytes as a faulty relay would.
 */
final class CorruptingRelay extends LoopbackRelay {

    private final long flipAt;
    private final AtomicInteger flipped = new AtomicInteger();

    /**
     * Listens on a free port of {@code listen} and forwards to the same port of {@code target}, so that
     * a server there is reached through the relay by naming {@code listen} instead of {@code target}.
     *
     * @param flipAt the offset, counted from the first byte the target sends, of the byte to invert
     */
    CorruptingRelay(InetAddress listen, InetAddress target, long flipAt) throws IOException {
        super(listen, port -> new InetSocketAddress(target, port), "corrupting-relay");
        this.flipAt = flipAt;
        start();
    }

    /** How many bytes were inverted so far (one per connection that got that far). */
    int flipped() {
        return flipped.get();
    }

    @Override
    void passing(int connection, boolean fromClient, byte[] buffer, int length, long position) {
        if (!fromClient && flipAt >= position && flipAt < position + length) {
            int at = (int) (flipAt - position);
            buffer[at] = (byte) ~buffer[at];
            flipped.incrementAndGet();
        }
    }
}
