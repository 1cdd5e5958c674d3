package io.sift.api.internal;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.sift.api.FileSource;

/** A source with a modification time or MIME type of its own; everything else is the wrapped source's. */
public final class DescribedSource implements FileSource {

    private final FileSource content;
    private final Optional<Instant> modified;
    private final Optional<String> mimeType;

    private DescribedSource(FileSource content, Optional<Instant> modified, Optional<String> mimeType) {
        this.content = content;
        this.modified = modified;
        this.mimeType = mimeType;
    }

    public static FileSource withLastModified(FileSource source, Instant time) {
        Objects.requireNonNull(time, "time");
        return new DescribedSource(unwrapped(source), Optional.of(time), source.mimeType());
    }

    public static FileSource withMimeType(FileSource source, String type) {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a MIME type cannot be blank");
        }
        return new DescribedSource(unwrapped(source), source.lastModified(), Optional.of(type));
    }

    /** Wrappers do not pile up when both are set. */
    private static FileSource unwrapped(FileSource source) {
        return source instanceof DescribedSource described ? described.content : source;
    }

    @Override
    public String name() {
        return content.name();
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public Optional<Instant> lastModified() {
        return modified;
    }

    @Override
    public Optional<String> mimeType() {
        return mimeType;
    }

    @Override
    public ReadableByteChannel open(long position) throws IOException {
        return content.open(position);
    }

    @Override
    public Optional<Path> file() {
        return content.file();
    }

    @Override
    public String toString() {
        return content.toString();
    }
}
