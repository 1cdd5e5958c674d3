package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/** A stream method that records what it is asked to do. */
final class FakeStreamMethod implements StreamMethod {

    final String namespace;
    final List<String> events;
    final List<StreamSession> expected = new CopyOnWriteArrayList<>();
    volatile StreamException expectFailure;
    volatile boolean cancelled;

    FakeStreamMethod(String namespace, List<String> events) {
        this.namespace = namespace;
        this.events = events;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public ByteStream open(StreamSession session) throws StreamException {
        throw new StreamException(StreamException.Kind.REFUSED, "not in tests");
    }

    @Override
    public PendingStream expect(StreamSession session) throws StreamException {
        events.add("expect " + namespace);
        if (expectFailure != null) {
            throw expectFailure;
        }
        expected.add(session);
        return new PendingStream() {
            @Override
            public ByteStream await(Duration timeout) throws StreamException {
                throw new StreamException(StreamException.Kind.TIMEOUT, "not in tests");
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        };
    }
}
