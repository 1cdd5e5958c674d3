package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

class AcceptedStreamTest {

    private static final StreamSession SESSION = new StreamSession("a@x", "sid", "p@x/r", "a@x/r");

    /** A pending stream that yields a preset outcome and remembers whether it was cancelled. */
    private static final class Preset implements PendingStream {
        final ByteStream stream;
        final StreamException failure;
        boolean cancelled;
        int awaited;

        Preset(ByteStream stream, StreamException failure) {
            this.stream = stream;
            this.failure = failure;
        }

        @Override
        public ByteStream await(Duration timeout) throws StreamException {
            awaited++;
            if (failure != null) {
                throw failure;
            }
            return stream;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static ByteStream stream(String method) {
        return new ByteStream() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public StreamSession session() {
                return SESSION;
            }

            @Override
            public ReadableByteChannel in() {
                throw new UnsupportedOperationException();
            }

            @Override
            public WritableByteChannel out() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() throws IOException {
            }

            @Override
            public void abort() {
            }
        };
    }

    private static StreamException fail(StreamException.Kind kind) {
        return new StreamException(kind, kind.name());
    }

    @Test
    void theChosenStreamWinsAndAlternativesAreCancelled() throws Exception {
        ByteStream s5b = stream("s5b");
        Preset chosen = new Preset(s5b, null);
        Preset ibb = new Preset(stream("ibb"), null);
        assertSame(s5b, new AcceptedStream(chosen, List.of(ibb), Duration.ofSeconds(1)).await(Duration.ofSeconds(1)));
        assertTrue(ibb.cancelled);
        assertEquals(0, ibb.awaited);
    }

    @Test
    void aRefusedChosenStreamFallsBackToAnAlternativeWithTheSameSid() throws Exception {
        ByteStream inBand = stream("ibb");
        Preset chosen = new Preset(null, fail(StreamException.Kind.REFUSED));
        Preset ibb = new Preset(inBand, null);
        assertSame(inBand, new AcceptedStream(chosen, List.of(ibb), Duration.ofSeconds(1)).await(Duration.ofSeconds(1)));
    }

    @Test
    void otherFailuresDoNotFallBack() {
        Preset chosen = new Preset(null, fail(StreamException.Kind.TIMEOUT));
        Preset ibb = new Preset(stream("ibb"), null);
        StreamException e = assertThrows(StreamException.class,
                () -> new AcceptedStream(chosen, List.of(ibb), Duration.ofSeconds(1)).await(Duration.ofSeconds(1)));
        assertEquals(StreamException.Kind.TIMEOUT, e.kind());
        assertTrue(ibb.cancelled);
        assertEquals(0, ibb.awaited);
    }

    @Test
    void whenNoAlternativeOpensTheRefusalStands() {
        Preset chosen = new Preset(null, fail(StreamException.Kind.REFUSED));
        Preset ibb = new Preset(null, fail(StreamException.Kind.TIMEOUT));
        StreamException e = assertThrows(StreamException.class,
                () -> new AcceptedStream(chosen, List.of(ibb), Duration.ofSeconds(1)).await(Duration.ofSeconds(1)));
        assertEquals(StreamException.Kind.REFUSED, e.kind());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(ibb.cancelled);
    }

    @Test
    void cancelCancelsEverything() {
        Preset chosen = new Preset(stream("s5b"), null);
        Preset ibb = new Preset(stream("ibb"), null);
        new AcceptedStream(chosen, List.of(ibb), Duration.ofSeconds(1)).cancel();
        assertTrue(chosen.cancelled);
        assertTrue(ibb.cancelled);
    }
}
