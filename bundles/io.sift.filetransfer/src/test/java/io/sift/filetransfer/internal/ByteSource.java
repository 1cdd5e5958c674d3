package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sift.api.FileSource;

/**
 * Content in memory that declares a size of its own (which may not be its real one), remembers every
 * position it was opened at, and fails on its open or after some bytes when a test says so.
 */
final class ByteSource implements FileSource {

    /** What a test wants the source to do wrong. */
    interface Fault {
        /** Called on every open, before the channel is made. */
        void onOpen(long position) throws IOException;
    }

    final List<Long> opened = new CopyOnWriteArrayList<>();
    /** Channels that were closed, counted. */
    final List<Long> closed = new CopyOnWriteArrayList<>();

    private final String name;
    private final byte[] content;
    private final long declared;
    private volatile Fault fault = position -> { };
    /** A read fails once this many bytes were read from one channel; negative: never. */
    private volatile long failReadAfter = -1;

    ByteSource(String name, byte[] content, long declared) {
        this.name = name;
        this.content = content;
        this.declared = declared;
    }

    ByteSource(String name, byte[] content) {
        this(name, content, content.length);
    }

    ByteSource failingOpen(Fault f) {
        fault = f;
        return this;
    }

    ByteSource failingReadAfter(long bytes) {
        failReadAfter = bytes;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return declared;
    }

    @Override
    public ReadableByteChannel open(long position) throws IOException {
        opened.add(position);
        fault.onOpen(position);
        return new ReadableByteChannel() {
            private int at = (int) Math.min(position, content.length);
            private long read;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (failReadAfter >= 0 && read >= failReadAfter) {
                    throw new IOException("the disk under the source went away");
                }
                if (at >= content.length) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), content.length - at);
                if (failReadAfter >= 0) {
                    n = (int) Math.min(n, Math.max(1, failReadAfter - read));
                }
                dst.put(content, at, n);
                at += n;
                read += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    closed.add(position);
                }
            }
        };
    }

    byte[] content() {
        return Arrays.copyOf(content, content.length);
    }
}
