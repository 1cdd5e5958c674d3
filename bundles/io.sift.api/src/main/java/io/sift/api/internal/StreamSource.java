package io.sift.api.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

import io.sift.api.FileSource;

/** Content that an application reads from a new input stream for every pass. */
public final class StreamSource implements FileSource {

    private final String name;
    private final long size;
    private final FileSource.Opener<? extends InputStream> opener;

    public StreamSource(String name, long size, FileSource.Opener<? extends InputStream> opener) {
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
     * The stream's first {@code position} bytes are skipped; a stream that ends before is an
     * {@link EOFException}, as {@link FileSource#open} promises.
     */
    @Override
    public ReadableByteChannel open(long position) throws IOException {
        InputStream in = Objects.requireNonNull(opener.open(), "the opener of " + name + " returned no stream");
        try {
            in.skipNBytes(position);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        // an interruptible channel: a cancelled transfer's interrupt closes it
        return Channels.newChannel(in);
    }

    @Override
    public String toString() {
        return "FileSource[" + name + ", " + size + " bytes from a stream]";
    }
}
