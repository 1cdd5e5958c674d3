package io.sift.api.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

import io.sift.api.FileSource;

/** Content that an application reads from a new channel for every pass. */
public final class ChannelSource implements FileSource {

    private static final int SKIP_BUFFER = 64 * 1024;

    private final String name;
    private final long size;
    private final FileSource.Opener<? extends ReadableByteChannel> opener;

    public ChannelSource(String name, long size, FileSource.Opener<? extends ReadableByteChannel> opener) {
        this.name = Sources.name(name);
        this.size = Sources.size(size);
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * A seekable channel is positioned (a file's or a memory channel's bytes before it are never
     * read); any other channel's first bytes are read and dropped.
     */
    @Override
    public ReadableByteChannel open(long position) throws IOException {
        ReadableByteChannel channel =
                Objects.requireNonNull(opener.open(), "the opener of " + name + " returned no channel");
        try {
            if (position == 0) {
                return channel;
            }
            if (channel instanceof SeekableByteChannel seekable) {
                seekable.position(position);
            } else {
                skip(channel, position);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void skip(ReadableByteChannel channel, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(SKIP_BUFFER, count));
        long left = count;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EOFException("the content ends after " + (count - left) + " bytes, before byte " + count);
            }
            left -= n;
        }
    }

    @Override
    public String toString() {
        return "FileSource[" + name + ", " + size + " bytes from a channel]";
    }
}
