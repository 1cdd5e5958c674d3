package io.sift.socks5.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;

/** Closing connections without caring whether they are still open. */
final class Sockets {

    private Sockets() {
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be done with it
        }
    }

    /**
     * Closes with a reset instead of the orderly end: the peer's next read or write fails at once,
     * so it cannot take an aborted stream for a complete one.
     */
    static void reset(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile: the close below is all that is left
        }
        closeQuietly(channel);
    }
}
