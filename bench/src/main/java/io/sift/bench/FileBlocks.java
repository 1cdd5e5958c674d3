package io.sift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The sending end of a verified raw in-band stream: reads the file block by block as it is sent,
 * computes the SHA-256 of what it read and base64-encodes each block, the per-byte work that any
 * in-band sender of a checked file does, with nothing else around it.
 */
final class FileBlocks implements InBandSource, AutoCloseable {

    private final long size;
    private final int blockSize;
    private final InputStream in;
    private final MessageDigest sha256 = Sha256.digest();
    private final byte[] raw;
    private final byte[] text;
    private long next;

    FileBlocks(Path file, int blockSize) throws IOException {
        this.size = Files.size(file);
        this.blockSize = blockSize;
        this.raw = new byte[blockSize];
        this.text = new byte[maxBase64Length()];
        this.in = Files.newInputStream(file);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    /** The text of the next block; the array is reused for every full block. */
    @Override
    public byte[] base64(long index) throws IOException {
        if (index != next || index >= count()) {
            throw new IllegalStateException("block " + index + " asked for, " + next + " is next of " + count());
        }
        int length = (int) (bytes(index + 1) - bytes(index));
        if (in.readNBytes(raw, 0, length) != length) {
            throw new IOException("the file ended early at block " + index);
        }
        next++;
        sha256.update(raw, 0, length);
        if (length == blockSize) {
            Base64.getEncoder().encode(raw, text);
            return text;
        }
        return Base64.getEncoder().encode(Arrays.copyOf(raw, length));
    }

    /** The SHA-256 (lower-case hex) of the blocks handed out so far. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
