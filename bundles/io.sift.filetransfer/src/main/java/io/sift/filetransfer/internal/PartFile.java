package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The partial file of one incoming transfer, {@code <name>.part}, with what it belongs to beside it
 * ({@code .<name>.part.sift}). While a transfer owns it, it holds a lock on it: a partial file that
 * nobody holds was left by a transfer that failed, or by a process that died, and is either
 * continued (the same file offered again by the same sender: {@link #resumeFrom()} bytes are kept)
 * or started again under the same name, so a leftover never shifts a new file's name.
 *
 * <p>Partial files held in this process are known from {@code held}, never by opening them again:
 * on Linux, closing any descriptor of a file drops every lock this process has on it (POSIX record
 * locks), so probing a held file with a second channel would unlock it for other processes.
 */
final class PartFile implements AutoCloseable {

    static final String IDENTITY_PREFIX = ".";
    static final String IDENTITY_SUFFIX = ".sift";

    private final Path target;
    private final Path part;
    private final Path identity;
    private final FileChannel channel;
    private final FileLock lock;
    private final long resumeFrom;

    private final Set<Path> held;

    private PartFile(Path target, FileChannel channel, FileLock lock, long resumeFrom, Set<Path> held) {
        this.held = held;
        this.target = target;
        this.part = SafeFileNames.partOf(target);
        this.identity = identityOf(part);
        this.channel = channel;
        this.lock = lock;
        this.resumeFrom = resumeFrom;
    }

    /**
     * Takes the partial file for {@code safeName} in {@code directory}: the first name not taken by a
     * file or by a running transfer.
     *
     * @param resumable whether a leftover may be continued: the sender can send a range (its offer
     *        carried {@code <range/>}) and the whole file will be checked against its hash
     * @param expiry a partial file older than this is never continued
     * @param held the partial files this process holds now (shared by all its transfers)
     */
    static PartFile reserve(Path directory, String safeName, PartIdentity wanted, boolean resumable,
            Duration expiry, Set<Path> held) throws IOException {
        try {
            directory.resolve(safeName);
        } catch (InvalidPathException unencodable) {
            // the platform's file name charset (e.g. LANG=C) cannot hold the name: keep it ASCII
            safeName = safeName.replaceAll("[^\\x20-\\x7e]", "_");
        }
        for (int i = 0; i < 10_000; i++) {
            Path target = directory.resolve(i == 0 ? safeName : SafeFileNames.numbered(safeName, i));
            if (Files.exists(target)) {
                continue;
            }
            PartFile taken = take(target, wanted, resumable, expiry, held);
            if (taken != null) {
                return taken;
            }
        }
        throw new IOException("no free name for " + safeName + " in " + directory);
    }

    /** The partial file of {@code target}, or null if a running transfer holds it. */
    private static PartFile take(Path target, PartIdentity wanted, boolean resumable, Duration expiry,
            Set<Path> held) throws IOException {
        Path part = SafeFileNames.partOf(target).toAbsolutePath().normalize();
        if (!held.add(part)) {
            return null; // a running transfer of this process holds it
        }
        try {
            PartFile taken = open(target, part, wanted, resumable, expiry, held);
            if (taken == null) {
                held.remove(part);
            }
            return taken;
        } catch (IOException | RuntimeException e) {
            held.remove(part);
            throw e;
        }
    }

    private static PartFile open(Path target, Path part, PartIdentity wanted, boolean resumable, Duration expiry,
            Set<Path> held) throws IOException {
        boolean created;
        FileChannel channel;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            created = true;
        } catch (FileAlreadyExistsException leftOrHeld) {
            channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.READ);
            created = false;
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            channel.close(); // a running transfer (here or in another process) holds it
            return null;
        }
        try {
            long keep = 0;
            if (!created) {
                Optional<PartIdentity> earlier = PartIdentity.read(identityOf(part));
                if (earlier.isPresent() && !earlier.get().peer().equals(wanted.peer()) && fresh(part, expiry)) {
                    // another sender's leftover that it may still continue: this file takes the next name
                    lock.release();
                    channel.close();
                    return null;
                }
                keep = continuable(part, earlier, wanted, resumable, expiry, channel.size());
                if (keep == 0 && channel.size() > 0) {
                    // the partial file was created empty otherwise: truncating one that is empty would make
                    // ext4 (auto_da_alloc) flush the whole file to disk when it is closed
                    channel.truncate(0);
                }
            }
            if (keep == 0) {
                wanted.write(identityOf(part));
            }
            return new PartFile(target, channel, lock, keep, held);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** How many bytes of a partial file left behind belong to the file offered now (0: none). */
    private static long continuable(Path part, Optional<PartIdentity> earlier, PartIdentity wanted,
            boolean resumable, Duration expiry, long length) throws IOException {
        if (!resumable || length <= 0 || length >= wanted.size()) {
            return 0;
        }
        if (earlier.isEmpty() || !wanted.continues(earlier.get())) {
            return 0;
        }
        return fresh(part, expiry) ? length : 0;
    }

    private static boolean fresh(Path part, Duration expiry) throws IOException {
        return Files.getLastModifiedTime(part).toInstant().plus(expiry).isAfter(Instant.now());
    }

    /**
     * Deletes the partial files in {@code directory} that SIFT left (they have an identity beside
     * them), that nobody holds, and that were last written longer than {@code expiry} ago.
     *
     * @return how many were deleted
     */
    static int sweep(Path directory, Duration expiry, Set<Path> held) {
        int deleted = 0;
        Instant cutoff = Instant.now().minus(expiry);
        try (DirectoryStream<Path> identities = Files.newDirectoryStream(directory,
                IDENTITY_PREFIX + "*" + SafeFileNames.PART_SUFFIX + IDENTITY_SUFFIX)) {
            for (Path identity : identities) {
                String name = identity.getFileName().toString();
                Path part = identity.resolveSibling(
                        name.substring(IDENTITY_PREFIX.length(), name.length() - IDENTITY_SUFFIX.length()));
                if (!held.contains(part.toAbsolutePath().normalize()) && expired(part, cutoff)
                        && deleteUnlessHeld(part, identity)) {
                    deleted++;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // a directory that cannot be listed has nothing to sweep now
        }
        return deleted;
    }

    private static boolean expired(Path part, Instant cutoff) {
        try {
            return !Files.exists(part) || Files.getLastModifiedTime(part).toInstant().isBefore(cutoff);
        } catch (IOException gone) {
            return true;
        }
    }

    private static boolean deleteUnlessHeld(Path part, Path identity) throws IOException {
        if (!Files.exists(part)) {
            Files.deleteIfExists(identity);
            return false;
        }
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(identity);
            Files.deleteIfExists(part);
            return true;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        }
    }

    static Path identityOf(Path part) {
        return part.resolveSibling(IDENTITY_PREFIX + part.getFileName() + IDENTITY_SUFFIX);
    }

    /** The final name the file will get (or a numbered one, if that is taken meanwhile). */
    Path target() {
        return target;
    }

    Path part() {
        return part;
    }

    /** Bytes already in the partial file that the sender need not send again. */
    long resumeFrom() {
        return resumeFrom;
    }

    /** Open for reading and writing; positioned at the start. */
    FileChannel channel() {
        return channel;
    }

    /** Forgets the partial file: it and what it belongs to are deleted. */
    void delete() throws IOException {
        Files.deleteIfExists(identity);
        Files.deleteIfExists(part);
    }

    /** The partial file has its final name (it was linked or moved away): only its identity is left to delete. */
    void placed() throws IOException {
        Files.deleteIfExists(identity);
    }

    /** Lets go of the partial file; kept on disk unless deleted, for a later offer to continue. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                held.remove(part.toAbsolutePath().normalize());
            }
        }
    }
}
