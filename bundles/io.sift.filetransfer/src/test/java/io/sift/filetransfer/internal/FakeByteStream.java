package io.sift.filetransfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;

import io.sift.spi.ByteStream;
import io.sift.spi.StreamSession;

/** A bytestream over in-memory channels that records whether it was closed or aborted. */
final class FakeByteStream implements ByteStream {

    static final String METHOD = "urn:test:pipe";

    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch aborted = new CountDownLatch(1);

    private final StreamSession session;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;

    FakeByteStream(StreamSession session, ReadableByteChannel in, WritableByteChannel out) {
        this.session = session;
        this.in = in;
        this.out = out;
    }

    /** The target's end: reads what the initiator writes to {@code in}. */
    static FakeByteStream reading(StreamSession session, ReadableByteChannel in) {
        return new FakeByteStream(session, in, Channels.newChannel(OutputStream.nullOutputStream()));
    }

    /** The initiator's end: writes to {@code out}. */
    static FakeByteStream writing(StreamSession session, WritableByteChannel out) {
        return new FakeByteStream(session, Channels.newChannel(InputStream.nullInputStream()), out);
    }

    boolean wasClosed() {
        return closed.getCount() == 0;
    }

    boolean wasAborted() {
        return aborted.getCount() == 0;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StreamSession session() {
        return session;
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        closeQuietly(in);
        closeQuietly(out);
    }

    @Override
    public void abort() {
        aborted.countDown();
        closeQuietly(in);
        closeQuietly(out);
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the other side may have closed it already
        }
    }
}
