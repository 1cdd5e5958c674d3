package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.sift.api.FailureReason;

/**
 * A local file, sent as fast as the system allows: {@link FileChannel#transferTo} (sendfile to a
 * SOCKS5 socket) while another thread reads the SHA-256, from the offer on, and the hashes kept for
 * a re-send of the unchanged file ({@link DigestCache}). Used by its transfer's thread only.
 */
final class FileContent implements OutgoingContent {

    /** Bytes handed to the stream per call; progress is counted at this grain. */
    private static final long CHUNK = 1024 * 1024;

    private final Path file;
    private final long size;
    private final TransferHub hub;
    /** The SHA-256 being read, or read; null before {@link #hashAhead} or the first pass. */
    private Future<String> sha256;

    FileContent(Path file, long size, TransferHub hub) {
        this.file = file;
        this.size = size;
        this.hub = hub;
    }

    @Override
    public void checkBeforeOffer() throws LocalFileException {
        long actual;
        try {
            actual = Files.size(file);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file + ": " + e.getMessage());
        }
        if (actual != size) {
            throw changedSize(actual);
        }
    }

    @Override
    public String md5() throws LocalFileException, InterruptedException {
        try {
            return hub.digests.md5(file);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void hashAhead() {
        if (sha256 == null) {
            sha256 = hub.hashers().executor().submit(() -> hub.digests.sha256(file));
        }
    }

    @Override
    public void release() {
        if (sha256 != null) {
            sha256.cancel(true);
        }
    }

    @Override
    public Pass pass(FileElement.Range range) {
        // the SHA-256 is read beside the copy, if the offer did not start it (or comes from the cache):
        // the bytes need not wait for it
        hashAhead();
        return new Pass() {
            @Override
            public void copy(WritableByteChannel out, TransferRecord record) throws IOException {
                FileContent.this.copy(range, out, record);
            }

            @Override
            public String sha256() throws LocalFileException, InterruptedException {
                try {
                    sha256.get();
                    // the hash of the file as the copy read it: the one read ahead if the file is unchanged
                    // since (the cache holds it while path, size, time and inode are), else read again
                    return hub.digests.sha256(file);
                } catch (ExecutionException e) {
                    throw new LocalFileException("cannot read " + file + " to hash it: " + e.getCause().getMessage());
                } catch (IOException e) {
                    throw new LocalFileException("cannot read " + file + " to hash it: " + e.getMessage());
                }
            }

            @Override
            public void abandon() {
                // the file's hash does not depend on the stream: a pass over another stream uses the same
                // read, and the transfer's end (release) stops it if no pass does
            }
        };
    }

    private void copy(FileElement.Range range, WritableByteChannel out, TransferRecord record) throws IOException {
        FileChannel source;
        try {
            source = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileException("cannot open " + file + ": " + e.getMessage());
        }
        try (source) {
            long position = range.offset();
            long end = range.offset() + range.length();
            if (position == size) {
                checkSize(source);
            }
            while (position < end) {
                long chunk = Math.min(CHUNK, end - position);
                if (position + chunk == size) {
                    // the file must end where the offer said before its last bytes leave
                    checkSize(source);
                }
                long sent = source.transferTo(position, chunk, out);
                if (sent <= 0 && source.size() < end) {
                    throw changedSize(source.size());
                }
                position += sent;
                record.addBytes(sent);
            }
        }
    }

    private void checkSize(FileChannel source) throws IOException {
        long actual = source.size();
        if (actual != size) {
            throw changedSize(actual);
        }
    }

    private LocalFileException changedSize(long actual) {
        return new LocalFileException(FailureReason.SIZE_MISMATCH, file + (actual < size ? " shrank" : " grew")
                + " to " + actual + " bytes while being sent (" + size + " bytes were offered)");
    }
}
