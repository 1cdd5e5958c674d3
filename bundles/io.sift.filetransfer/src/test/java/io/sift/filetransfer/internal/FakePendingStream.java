package io.sift.filetransfer.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;

/** A stream the test opens (or fails) when it wants to. */
final class FakePendingStream implements PendingStream {

    final CountDownLatch cancelled = new CountDownLatch(1);

    private final CompletableFuture<ByteStream> stream = new CompletableFuture<>();

    void open(ByteStream opened) {
        stream.complete(opened);
    }

    void fail(StreamException e) {
        stream.completeExceptionally(e);
    }

    @Override
    public ByteStream await(Duration timeout) throws StreamException, InterruptedException {
        try {
            return stream.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (StreamException) e.getCause();
        } catch (TimeoutException e) {
            throw new StreamException(StreamException.Kind.TIMEOUT, "the initiator did not open the stream");
        }
    }

    @Override
    public void cancel() {
        cancelled.countDown();
        stream.completeExceptionally(new StreamException(StreamException.Kind.BROKEN, "cancelled"));
    }
}
