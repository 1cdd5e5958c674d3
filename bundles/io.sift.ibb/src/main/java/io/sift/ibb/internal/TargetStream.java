package io.sift.ibb.internal;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.sift.spi.ByteStream;
import io.sift.spi.StreamSession;

/** The target's side of an in-band stream: it reads what the initiator sends. */
final class TargetStream implements ByteStream {

    private final StreamSession session;
    private final IbbReceiver receiver;
    private final WritableByteChannel noOutput = new NoOutput();

    TargetStream(StreamSession session, IbbReceiver receiver) {
        this.session = session;
        this.receiver = receiver;
    }

    @Override
    public String method() {
        return Ibb.NAMESPACE;
    }

    @Override
    public StreamSession session() {
        return session;
    }

    @Override
    public ReadableByteChannel in() {
        return receiver;
    }

    @Override
    public WritableByteChannel out() {
        return noOutput;
    }

    /** After the end of the stream this only releases it; before, it cancels the transfer. */
    @Override
    public void close() {
        receiver.close();
    }

    @Override
    public void abort() {
        receiver.abort();
    }

    /** Only the initiator sends data on an in-band stream. */
    private static final class NoOutput implements WritableByteChannel {
        private volatile boolean open = true;

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
