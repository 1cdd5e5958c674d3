package io.sift.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The receiving end of a verified raw in-band stream: decodes each block's base64, computes the
 * SHA-256 of the bytes and writes them to a file, the per-byte work that any in-band receiver of a
 * checked file does, with nothing else around it.
 */
final class DecodedFile implements InBandReceiver.Payload, AutoCloseable {

    private final FileChannel out;
    private final MessageDigest sha256 = Sha256.digest();

    DecodedFile(Path file) throws IOException {
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    @Override
    public void take(long index, ByteBuffer base64) throws IOException, BenchFailure {
        ByteBuffer bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BenchFailure("block " + index + " is not base64: " + e.getMessage());
        }
        sha256.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** The SHA-256 (lower-case hex) of the bytes taken so far. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
