package io.sift.tools.smackpeer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The receiving end of {@code blocks-receive}: one stream's blocks, checked to be of that stream and
 * in order, hashed and written to a new file. Everything a checked in-band receiver must do with the
 * bytes, and nothing more. Once a stream has ended, an open starts the next one, which writes the file
 * again from its start, up to the number of streams awaited.
 */
final class BlockSink implements AutoCloseable {

    /**
     * Why a block or an open was not taken; its message goes into the BLOCKS line when it ends the open
     * stream. What belongs to no open stream (a second open, another stream's block) is refused and
     * leaves the open one alone.
     */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean endsStream;

        Refused(String message, boolean endsStream) {
            super(message);
            this.endsStream = endsStream;
        }

        boolean endsStream() {
            return endsStream;
        }
    }

    private final FileChannel out;
    private final MessageDigest sha256;
    private int opensLeft;
    private String sid;
    private int blockSize;
    private int nextSeq;
    private long bytes;
    private boolean closed;

    /** streams: how many streams may open, one after another. */
    BlockSink(Path into, int streams) throws IOException {
        opensLeft = streams;
        sha256 = Sha256.digest();
        out = FileChannel.open(into, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    synchronized void open(String sid, int blockSize) throws Refused, IOException {
        if (this.sid != null && !closed) {
            throw new Refused("a stream is open already", false);
        }
        if (opensLeft == 0) {
            throw new Refused("every stream awaited has come", false);
        }
        if (blockSize < 1 || blockSize > 65535) {
            throw new Refused("block size " + blockSize + " is out of range", false);
        }
        if (this.sid != null) {
            out.truncate(0);
            out.position(0);
            sha256.reset();
            nextSeq = 0;
            bytes = 0;
            closed = false;
        }
        this.sid = sid;
        this.blockSize = blockSize;
        opensLeft--;
    }

    /** decoded: null when the block's text was not base64. */
    synchronized void take(String sid, int seq, byte[] decoded) throws Refused, IOException {
        checkOpen(sid);
        if (seq != nextSeq) {
            throw new Refused("block " + seq + " came where " + nextSeq + " was next", true);
        }
        if (decoded == null) {
            throw new Refused("block " + seq + " is not base64", true);
        }
        if (decoded.length > blockSize) {
            throw new Refused("block " + seq + " has " + decoded.length + " bytes, more than the block size " + blockSize,
                    true);
        }
        sha256.update(decoded);
        ByteBuffer buffer = ByteBuffer.wrap(decoded);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        bytes += decoded.length;
        nextSeq = (nextSeq + 1) & 0xffff;
    }

    synchronized void end(String sid) throws Refused {
        checkOpen(sid);
        closed = true;
    }

    private void checkOpen(String sid) throws Refused {
        if (this.sid == null || !this.sid.equals(sid) || closed) {
            throw new Refused("no open stream '" + sid + "'", false);
        }
    }

    /** Whether the stream opened last is the last one awaited: no open after it will be taken. */
    synchronized boolean lastAwaited() {
        return sid != null && opensLeft == 0;
    }

    synchronized long bytes() {
        return bytes;
    }

    /** The SHA-256 (lower-case hex) of the bytes taken; once, after the stream ended and before the next opens. */
    synchronized String sha256() {
        return Sha256.hex(sha256);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
