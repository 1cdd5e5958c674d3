package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hashes of files sent lately, so that sending a file again does not read it again: an entry
 * holds while the file's path, size, modification time and identity (inode) are unchanged.
 */
final class DigestCache {

    private static final int BUFFER = 1024 * 1024;

    /** What identifies one version of a file. */
    private record Key(Path path, long size, FileTime modified, Object fileKey) {

        // written out: a record's generated equals and hashCode link through invokedynamic on their
        // first call, several milliseconds each in a fresh process, which its first transfer would pay
        @Override
        public boolean equals(Object other) {
            return other instanceof Key o && Objects.equals(path, o.path) && size == o.size
                    && Objects.equals(modified, o.modified) && Objects.equals(fileKey, o.fileKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, size, modified, fileKey);
        }
    }

    private final Map<Key, Map<String, String>> entries; // guarded by this

    DigestCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Map<String, String>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The file's MD5 (lower-case hex), from the cache or read now. */
    String md5(Path file) throws IOException, InterruptedException {
        return digest(file, "MD5", Digests::md5);
    }

    /** The file's SHA-256 (lower-case hex), from the cache or read now. */
    String sha256(Path file) throws IOException, InterruptedException {
        return digest(file, "SHA-256", Digests::sha256);
    }

    /** The hash the cache holds for the file as it is now, without reading it (e.g. "SHA-256"). */
    Optional<String> known(Path file, String algorithm) throws IOException {
        Key key = keyOf(file);
        synchronized (this) {
            return Optional.ofNullable(entries.getOrDefault(key, Map.of()).get(algorithm));
        }
    }

    private String digest(Path file, String algorithm, Supplier<MessageDigest> digest)
            throws IOException, InterruptedException {
        Key key = keyOf(file);
        synchronized (this) {
            String known = entries.getOrDefault(key, Map.of()).get(algorithm);
            if (known != null) {
                return known;
            }
        }
        String computed = read(file, digest.get());
        if (key.equals(keyOf(file))) {
            // unchanged while it was read: the hash belongs to this version
            synchronized (this) {
                entries.computeIfAbsent(key, k -> new HashMap<>()).put(algorithm, computed);
            }
        }
        return computed;
    }

    private static Key keyOf(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new Key(path, attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }

    private static String read(Path file, MessageDigest digest) throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("hashing " + file + " was stopped");
                }
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return Digests.hex(digest);
    }
}
