package io.sift.socks5.internal;

import java.nio.channels.SocketChannel;
import java.util.List;

import io.sift.spi.StreamException;

/**
 * This host's own streamhost: a listening socket that targets connect to directly. Registered as a
 * service (internal to this bundle) while it listens.
 */
interface DirectStreamhost {

    /** The port it listens on. */
    int port();

    /** The addresses to offer, in order of preference. */
    List<String> addresses();

    /**
     * Announces a stream the listener must accept: the connection whose SOCKS5 request names
     * {@code dstAddr} is handed to the returned arrival; any other is refused. Call it before the
     * offer goes out, and close the arrival when the stream is set up or abandoned.
     *
     * @throws StreamException when the same DST.ADDR is already announced, or the listener is stopped
     */
    Arrival expect(String dstAddr) throws StreamException;

    /** The connection for one announced stream. */
    interface Arrival extends AutoCloseable {

        /**
         * Waits until the target's connection completed the SOCKS5 exchange and takes it.
         *
         * @return the connection (blocking mode, the caller owns it), or null when none arrived in time
         * @throws StreamException when the arrival was closed, e.g. the listener stopped
         */
        SocketChannel take(long timeoutMillis) throws StreamException, InterruptedException;

        /** Withdraws the announcement; a connection that arrived and was not taken is closed. */
        @Override
        void close();
    }
}
