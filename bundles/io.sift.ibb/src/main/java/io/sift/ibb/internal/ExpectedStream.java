package io.sift.ibb.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/** A stream the target waits for: completed by the initiator's accepted {@code <open/>}. */
final class ExpectedStream implements PendingStream {

    private final StreamSession session;
    private final Predicate<ExpectedStream> withdraw;
    private final CompletableFuture<ByteStream> opened = new CompletableFuture<>();
    private volatile boolean delivered;

    /** @param withdraw removes this expectation from its account; false when it was no longer there */
    ExpectedStream(StreamSession session, Predicate<ExpectedStream> withdraw) {
        this.session = session;
        this.withdraw = withdraw;
    }

    StreamSession session() {
        return session;
    }

    void opened(ByteStream stream) {
        opened.complete(stream);
    }

    void fail(StreamException e) {
        opened.completeExceptionally(e);
    }

    /** When the time is up the expectation is withdrawn, so a late open is refused instead of left unread. */
    @Override
    public ByteStream await(Duration timeout) throws StreamException, InterruptedException {
        try {
            ByteStream stream;
            try {
                stream = opened.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (withdraw.test(this)) {
                    StreamException timedOut = new StreamException(StreamException.Kind.TIMEOUT,
                            "the initiator did not open the in-band stream within " + timeout.toMillis() + " ms");
                    opened.completeExceptionally(timedOut);
                    throw timedOut;
                }
                // opened (or shut down) just now: the outcome is being delivered
                stream = opened.get();
            }
            delivered = true;
            return stream;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamException s) {
                throw new StreamException(s.kind(), s.getMessage(), s);
            }
            throw new StreamException(StreamException.Kind.BROKEN, "the in-band stream failed to open", e.getCause());
        }
    }

    @Override
    public void cancel() {
        if (withdraw.test(this)) {
            opened.completeExceptionally(new StreamException(StreamException.Kind.REFUSED, "the stream was cancelled"));
        } else if (!delivered) {
            // opened but never handed out: nobody will read it
            opened.thenAccept(ByteStream::abort);
        }
    }
}
