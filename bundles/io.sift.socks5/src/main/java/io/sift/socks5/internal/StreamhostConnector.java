package io.sift.socks5.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Makes SOCKS5 client connections to streamhosts. Tests stand in for the network through it. */
interface StreamhostConnector {

    /** Prepares a connection to {@code streamhost} for the stream {@code dstAddr}; nothing happens yet. */
    Attempt attempt(Streamhost streamhost, String dstAddr);

    /** One connection attempt. */
    interface Attempt {

        /**
         * Connects and runs the SOCKS5 exchange, bounded by the connect and handshake timeouts.
         *
         * @return the connection (blocking mode), carrying the stream's bytes from now on
         */
        SocketChannel connect() throws IOException, InterruptedException;

        /** Stops the attempt at once from another thread; {@link #connect()} then fails. */
        void cancel();
    }
}
