package io.sift.api.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.sift.api.FileSource;

/**
 * A local file as a {@link FileSource}: name, size and modification time are read once, when it is
 * made, so the offer announces what the file was when the application chose to send it.
 */
public final class PathSource implements FileSource {

    private final Path file;
    private final String name;
    private final long size;
    private final Instant modified;

    private PathSource(Path file, String name, long size, Instant modified) {
        this.file = file;
        this.name = name;
        this.size = size;
        this.modified = modified;
    }

    public static PathSource of(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        return new PathSource(file.toAbsolutePath(), file.getFileName().toString(), attributes.size(),
                attributes.lastModifiedTime().toInstant());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.of(modified);
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(file);
    }

    @Override
    public ReadableByteChannel open(long position) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return channel.position(position);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "FileSource[" + file + ", " + size + " bytes]";
    }
}
