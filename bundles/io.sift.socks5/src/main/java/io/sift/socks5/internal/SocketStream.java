package io.sift.socks5.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.sift.spi.ByteStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * A SOCKS5 bytestream: once the SOCKS5 exchange is over (and a proxy activated), the TCP connection
 * carries the file's bytes as they are.
 *
 * <p>{@link #out()} is the socket channel itself, so that {@code FileChannel.transferTo} can hand
 * the file to the kernel (sendfile); a wrapper would make it copy through a small buffer. The
 * price is that write errors reach the writer as the socket reports them. {@link #in()} wraps the
 * channel to tell a peer's cancellation (reset) from a broken stream, and a stream this side ended
 * (account offline, method stopped) from both.
 */
final class SocketStream implements ByteStream {

    /** Which end of the stream this side is. */
    enum Role { INITIATOR, TARGET }

    private final StreamSession session;
    private final SocketChannel channel;
    private final Role role;
    private final Consumer<SocketStream> onEnd;
    private final ReadableByteChannel in = new Input();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile StreamException endedBy;

    /**
     * @param channel a connected channel after the SOCKS5 exchange, in blocking mode
     * @param onEnd called once when the stream is closed, aborted or ended, so its account forgets it
     */
    SocketStream(StreamSession session, SocketChannel channel, Role role, Consumer<SocketStream> onEnd) {
        this.session = session;
        this.channel = channel;
        this.role = role;
        this.onEnd = onEnd;
        tune(channel);
    }

    /**
     * No delay for the last small write. The buffer sizes are left to the system: Linux, Windows and
     * macOS grow them with the connection's speed and latency (Linux up to several MiB), while a size
     * set here would switch that off and be capped by the system's maximum (208 KiB on a stock Linux
     * kernel), which slows long-distance transfers down.
     */
    static void tune(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
        } catch (IOException | UnsupportedOperationException e) {
            // a closed channel fails on first use anyway
        }
    }

    @Override
    public String method() {
        return Bytestreams.NAMESPACE;
    }

    @Override
    public StreamSession session() {
        return session;
    }

    Role role() {
        return role;
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return channel;
    }

    /**
     * The initiator ends its output first, so the target reads every byte and then the end of the
     * stream; the target just closes (after the end of the stream, nothing is lost).
     */
    @Override
    public void close() throws IOException {
        StreamException failure = endedBy;
        if (failure != null) {
            throw new StreamException(failure.kind(), failure.getMessage(), failure);
        }
        try {
            if (role == Role.INITIATOR && channel.isOpen()) {
                channel.shutdownOutput();
            }
            channel.close();
        } catch (IOException e) {
            Sockets.closeQuietly(channel);
            throw SocketFailures.map(e, "closing");
        } finally {
            finish();
        }
    }

    @Override
    public void abort() {
        Sockets.reset(channel);
        finish();
    }

    /** Ends the stream from this side's housekeeping (account offline, method stopped): reads fail with {@code kind}. */
    /** A write failed: the reason this side ended the stream (method stopped, account offline) comes first. */
    @Override
    public StreamException explain(IOException writeFailure) {
        StreamException ended = endedBy;
        return ended != null ? ended : SocketFailures.map(writeFailure, "sending");
    }

    void end(StreamException.Kind kind, String reason) {
        endedBy = new StreamException(kind, reason);
        Sockets.reset(channel);
        finish();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    private void finish() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }

    /** Reads from the socket; errors become {@link StreamException}s of the right kind. */
    private final class Input implements ReadableByteChannel {

        @Override
        public int read(ByteBuffer dst) throws IOException {
            StreamException failure = endedBy;
            if (failure != null) {
                throw new StreamException(failure.kind(), failure.getMessage(), failure);
            }
            try {
                return channel.read(dst);
            } catch (IOException e) {
                failure = endedBy;
                if (failure != null) {
                    // closed under the reader by end(): that is the reason, not the close
                    throw new StreamException(failure.kind(), failure.getMessage(), e);
                }
                throw SocketFailures.map(e, "reading");
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            SocketStream.this.close();
        }
    }
}
