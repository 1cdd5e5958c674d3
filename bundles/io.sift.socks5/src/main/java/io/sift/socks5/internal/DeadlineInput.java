package io.sift.socks5.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with one deadline for a whole exchange: each read may only wait for what is
 * left, so a peer that trickles one byte at a time cannot stretch the exchange.
 */
final class DeadlineInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;

    /** @param socket a blocking channel's socket; its stream honours SO_TIMEOUT */
    DeadlineInput(Socket socket, long timeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public int read() throws IOException {
        limitWait();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        limitWait();
        return in.read(b, off, len);
    }

    private void limitWait() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the SOCKS5 exchange took too long");
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
    }
}
