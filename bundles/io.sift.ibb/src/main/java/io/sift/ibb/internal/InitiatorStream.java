package io.sift.ibb.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.sift.spi.ByteStream;
import io.sift.spi.StreamSession;

/** The initiator's side of an in-band stream: it writes; nothing comes back (IBB is one-way here). */
final class InitiatorStream implements ByteStream {

    private final StreamSession session;
    private final IbbSender sender;
    private final ReadableByteChannel noInput = new NoInput();

    InitiatorStream(StreamSession session, IbbSender sender) {
        this.session = session;
        this.sender = sender;
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
        return noInput;
    }

    @Override
    public WritableByteChannel out() {
        return sender;
    }

    @Override
    public void close() throws IOException {
        sender.close();
    }

    @Override
    public void abort() {
        sender.abort();
    }

    /** The target never sends data on this stream. */
    private static final class NoInput implements ReadableByteChannel {
        private volatile boolean open = true;

        @Override
        public int read(ByteBuffer dst) {
            return -1;
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
