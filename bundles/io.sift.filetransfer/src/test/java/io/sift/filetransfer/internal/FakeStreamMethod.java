package io.sift.filetransfer.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** A stream method whose {@link #open} the test scripts. */
final class FakeStreamMethod implements StreamMethod {

    /** What {@link StreamMethod#open} does. */
    interface Opener {
        ByteStream open(StreamSession session) throws StreamException;
    }

    final List<StreamSession> opened = new CopyOnWriteArrayList<>();
    private final Opener opener;

    FakeStreamMethod(Opener opener) {
        this.opener = opener;
    }

    @Override
    public String namespace() {
        return FakeByteStream.METHOD;
    }

    @Override
    public ByteStream open(StreamSession session) throws StreamException {
        opened.add(session);
        return opener.open(session);
    }

    @Override
    public PendingStream expect(StreamSession session) {
        throw new UnsupportedOperationException("the file transfer bundle never expects a stream itself");
    }
}
