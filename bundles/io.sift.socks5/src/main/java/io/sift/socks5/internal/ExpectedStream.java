package io.sift.socks5.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * A stream the target waits for. It is expected until the initiator's offer arrives, connecting
 * while the streamhosts are tried, and then open or ended. Ending it (timeout, cancel, the account
 * or the method going) while it connects stops the attempts.
 */
final class ExpectedStream implements PendingStream {

    private enum State { EXPECTED, CONNECTING, OPEN, ENDED }

    private final StreamSession session;
    private final Consumer<ExpectedStream> forget;
    private final CompletableFuture<ByteStream> opened = new CompletableFuture<>();

    // guarded by this
    private State state = State.EXPECTED;
    private Consumer<StreamException> stopConnecting;
    private boolean delivered;

    /** @param forget removes this expectation from its account once it is open or ended */
    ExpectedStream(StreamSession session, Consumer<ExpectedStream> forget) {
        this.session = session;
        this.forget = forget;
    }

    StreamSession session() {
        return session;
    }

    /**
     * The offer arrived: from now on the streamhosts are tried. False when it is no longer expected
     * (ended, or a previous offer is being tried), and the offer must be refused.
     *
     * @param stop stops the attempts when the expectation ends meanwhile
     */
    synchronized boolean connecting(Consumer<StreamException> stop) {
        if (state != State.EXPECTED) {
            return false;
        }
        state = State.CONNECTING;
        stopConnecting = stop;
        return true;
    }

    /** A streamhost worked: the stream is handed to the waiting target. False when it ended meanwhile. */
    boolean open(ByteStream stream) {
        synchronized (this) {
            if (state != State.CONNECTING) {
                return false;
            }
            state = State.OPEN;
            stopConnecting = null;
        }
        forget.accept(this);
        opened.complete(stream);
        return true;
    }

    /** Ends the expectation with {@code failure}; false when it was already open or ended. */
    boolean end(StreamException failure) {
        Consumer<StreamException> stop;
        synchronized (this) {
            if (state == State.OPEN || state == State.ENDED) {
                return false;
            }
            state = State.ENDED;
            stop = stopConnecting;
            stopConnecting = null;
        }
        forget.accept(this);
        if (stop != null) {
            stop.accept(failure);
        }
        opened.completeExceptionally(failure);
        return true;
    }

    /** When the time is up the expectation ends, so a late offer is refused instead of connected and left unread. */
    @Override
    public ByteStream await(Duration timeout) throws StreamException, InterruptedException {
        try {
            ByteStream stream;
            try {
                stream = opened.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                StreamException timedOut = new StreamException(StreamException.Kind.TIMEOUT,
                        "the initiator did not open the SOCKS5 bytestream within " + timeout.toMillis() + " ms");
                if (end(timedOut)) {
                    throw timedOut;
                }
                stream = opened.get(); // opened (or ended) just now: the outcome is being delivered
            }
            synchronized (this) {
                delivered = true;
            }
            return stream;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamException s) {
                throw new StreamException(s.kind(), s.getMessage(), s);
            }
            throw new StreamException(StreamException.Kind.BROKEN, "the SOCKS5 bytestream failed to open", e.getCause());
        }
    }

    @Override
    public void cancel() {
        if (end(new StreamException(StreamException.Kind.REFUSED, "the stream was cancelled"))) {
            return;
        }
        synchronized (this) {
            if (delivered) {
                return;
            }
        }
        // opened but never handed out: nobody will read it
        opened.thenAccept(ByteStream::abort);
    }
}
