package io.sift.socks5.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Connection attempts whose outcome the test decides. */
final class FakeConnector implements StreamhostConnector {

    /** One attempt: blocks in connect() until the test succeeds or fails it, or it is cancelled. */
    final class FakeAttempt implements Attempt {
        final Streamhost streamhost;
        final String dstAddr;
        final CompletableFuture<SocketChannel> result = new CompletableFuture<>();
        volatile boolean connecting;
        volatile boolean cancelled;
        /** A connection stuck where a cancel cannot reach it (a name lookup, say). */
        volatile boolean deafToCancel;

        FakeAttempt(Streamhost streamhost, String dstAddr) {
            this.streamhost = streamhost;
            this.dstAddr = dstAddr;
        }

        @Override
        public SocketChannel connect() throws IOException, InterruptedException {
            connecting = true;
            try {
                return result.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (!deafToCancel) {
                result.completeExceptionally(new IOException("cancelled"));
            }
        }

        /** Succeeds with a fresh (unconnected) channel and returns it. */
        SocketChannel succeed() throws IOException {
            SocketChannel channel = SocketChannel.open();
            result.complete(channel);
            return channel;
        }

        void fail(String reason) {
            result.completeExceptionally(new IOException(reason));
        }
    }

    private final List<FakeAttempt> attempts = new ArrayList<>();

    @Override
    public synchronized Attempt attempt(Streamhost streamhost, String dstAddr) {
        FakeAttempt attempt = new FakeAttempt(streamhost, dstAddr);
        attempts.add(attempt);
        return attempt;
    }

    synchronized List<FakeAttempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized FakeAttempt get(int index) {
        return attempts.get(index);
    }

    /** The hosts attempted, in the order the attempts were started. */
    synchronized List<String> hosts() {
        return attempts.stream().map(a -> a.streamhost.host()).toList();
    }
}
