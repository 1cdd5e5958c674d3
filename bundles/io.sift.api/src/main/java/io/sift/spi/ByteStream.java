package io.sift.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An open bytestream. The initiator writes to {@link #out()}, the target reads from {@link #in()}.
 * The channels are blocking. Failures surface as {@link StreamException}.
 */
@ConsumerType
public interface ByteStream extends Closeable {

    /** Namespace of the method that carries this stream. */
    String method();

    StreamSession session();

    /** Bytes from the initiator; {@code -1} once the initiator closed the stream. */
    ReadableByteChannel in();

    /**
     * Bytes to the target. A method that can hand bytes to the kernel directly (a socket) returns a
     * channel that {@link java.nio.channels.FileChannel#transferTo} recognises.
     */
    WritableByteChannel out();

    /**
     * Ends the stream normally: the initiator's side sends what is buffered and closes the stream as
     * its protocol says, waiting (bounded) for the peer's confirmation where there is one.
     */
    @Override
    void close() throws IOException;

    /** Tears the stream down at once, telling the peer where the protocol has a way to. */
    void abort();

    /**
     * What an exception thrown by a write to {@link #out()} means. A method whose {@code out()} is a
     * plain socket channel (so that {@code transferTo} can hand bytes to the kernel) cannot wrap that
     * channel's exceptions; it explains them here: the peer closed the stream, the method stopped, ...
     */
    default StreamException explain(IOException writeFailure) {
        return writeFailure instanceof StreamException known ? known
                : new StreamException(StreamException.Kind.BROKEN, writeFailure.getMessage() != null
                        ? writeFailure.getMessage() : writeFailure.toString(), writeFailure);
    }
}
