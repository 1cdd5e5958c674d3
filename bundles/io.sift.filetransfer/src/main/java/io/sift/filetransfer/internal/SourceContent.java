package io.sift.filetransfer.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;

import io.sift.api.FailureReason;
import io.sift.api.FileSource;

/**
 * An application's {@link FileSource}, read through a new channel for every pass. Each pass reads the
 * content on to its declared size and makes sure it ends there before the last bytes leave, so a
 * source that yields fewer or more bytes fails the transfer ({@link FailureReason#SIZE_MISMATCH})
 * while the receiver still lacks some of them. The SHA-256 is computed on another thread beside the
 * copy ({@link HashingPipe}); a pass whose range starts later reads the bytes before it first, for the
 * hash only.
 */
final class SourceContent implements OutgoingContent {

    private final FileSource source;
    private final String name;
    private final long size;
    private final Hashers hashers;

    SourceContent(FileSource source, long size, Hashers hashers) {
        this.source = source;
        this.name = source.name();
        this.size = size;
        this.hashers = hashers;
    }

    @Override
    public void checkBeforeOffer() throws LocalFileException, InterruptedException {
        if (size == 0) {
            ReadableByteChannel in = open(0);
            try {
                expectEnd(in);
            } finally {
                closeQuietly(in);
            }
        }
    }

    @Override
    public String md5() throws LocalFileException, InterruptedException {
        MessageDigest md5 = Digests.md5();
        ByteBuffer buffer = ByteBuffer.allocate(HashingPipe.BUFFER);
        ReadableByteChannel in = open(0);
        try {
            long position = 0;
            while (position < size) {
                buffer.clear().limit((int) Math.min(HashingPipe.BUFFER, size - position));
                readFully(in, buffer, position);
                buffer.flip();
                position += buffer.remaining();
                md5.update(buffer);
            }
            expectEnd(in);
        } finally {
            closeQuietly(in);
        }
        return Digests.hex(md5);
    }

    @Override
    public Pass pass(FileElement.Range range) {
        HashingPipe pipe = new HashingPipe(false, hashers, HashingPipe.BUFFERS, HashingPipe.BUFFER);
        return new Pass() {
            @Override
            public void copy(WritableByteChannel out, TransferRecord record) throws IOException, InterruptedException {
                if (range.offset() > 0) {
                    ReadableByteChannel before = open(0);
                    try {
                        pump(pipe, before, 0, range.offset(), null, 0, record);
                    } finally {
                        closeQuietly(before);
                    }
                }
                ReadableByteChannel in = open(range.offset());
                try {
                    if (range.offset() == size) {
                        expectEnd(in);
                    }
                    pump(pipe, in, range.offset(), size, out, range.offset() + range.length(), record);
                } finally {
                    closeQuietly(in);
                }
            }

            @Override
            public String sha256() throws InterruptedException {
                return pipe.finish().sha256();
            }

            @Override
            public void abandon() {
                pipe.close();
            }
        };
    }

    /**
     * Reads the content from {@code from} to {@code to} out of {@code in} (which starts at {@code from}),
     * hands all of it to the hasher, and writes what lies before {@code sendEnd} to {@code out} (none if
     * null). The end of the content is checked before the buffer that reaches it is written.
     */
    private void pump(HashingPipe pipe, ReadableByteChannel in, long from, long to, WritableByteChannel out,
            long sendEnd, TransferRecord record) throws IOException, InterruptedException {
        long position = from;
        while (position < to) {
            ByteBuffer buffer = pipe.borrow();
            buffer.limit((int) Math.min(buffer.capacity(), to - position));
            readFully(in, buffer, position);
            buffer.flip();
            long next = position + buffer.remaining();
            if (next == size) {
                expectEnd(in);
            }
            if (out != null && position < sendEnd) {
                ByteBuffer send = buffer.duplicate();
                send.limit((int) Math.min(send.limit(), sendEnd - position));
                int n = send.remaining();
                while (send.hasRemaining()) {
                    out.write(send);
                }
                record.addBytes(n);
            } else {
                record.stillWorking();
            }
            pipe.hash(buffer);
            position = next;
        }
    }

    private ReadableByteChannel open(long position) throws LocalFileException {
        try {
            ReadableByteChannel channel = source.open(position);
            if (channel == null) {
                throw new LocalFileException("the source of " + name + " opened no channel");
            }
            return channel;
        } catch (EOFException e) {
            throw new LocalFileException(FailureReason.SIZE_MISMATCH, "the source of " + name + " ends before byte "
                    + position + " of the " + size + " it declared" + detail(e));
        } catch (LocalFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new LocalFileException("cannot open the source of " + name + ": " + describe(e));
        }
    }

    /** Fills the buffer from the content's byte {@code position} on; the content must not end before. */
    private void readFully(ReadableByteChannel in, ByteBuffer buffer, long position)
            throws LocalFileException, InterruptedException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            int n = read(in, buffer);
            if (n < 0) {
                throw new LocalFileException(FailureReason.SIZE_MISMATCH, "the source of " + name + " ended after "
                        + (position + buffer.position() - start) + " of the " + size + " bytes it declared");
            }
        }
    }

    /** The content must end here: one more byte means it is longer than it said. */
    private void expectEnd(ReadableByteChannel in) throws LocalFileException, InterruptedException {
        if (read(in, ByteBuffer.allocate(1)) > 0) {
            throw new LocalFileException(FailureReason.SIZE_MISMATCH,
                    "the source of " + name + " has more than the " + size + " bytes it declared");
        }
    }

    /** One read that yields at least a byte or the end (a channel that returns 0 is asked again). */
    private int read(ReadableByteChannel in, ByteBuffer buffer) throws LocalFileException, InterruptedException {
        try {
            int n;
            while ((n = in.read(buffer)) == 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("reading the source of " + name + " was stopped");
                }
                Thread.onSpinWait();
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** Every byte needed was read (or the pass failed for another reason): a failing close changes nothing. */
    private static void closeQuietly(ReadableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the content was read; the application's channel could not let go of it cleanly
        }
    }

    private LocalFileException unreadable(Exception e) {
        return e instanceof LocalFileException known ? known
                : new LocalFileException("cannot read the source of " + name + ": " + describe(e));
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String detail(EOFException e) {
        return e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
    }
}
