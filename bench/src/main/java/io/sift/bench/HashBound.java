package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a movement of bytes but the other limit of a verified transfer: how fast this JVM computes the
 * SHA-256 of the file (from the page cache, on one core). A receiver that checks every byte it
 * writes cannot finish sooner than this, however fast the loopback copy is; the row shows whether a
 * case is bound by the copy or by the check.
 */
final class HashBound implements Ceiling {

    @Override
    public String label() {
        return "bound: SHA-256, one core";
    }

    @Override
    public Role role() {
        return Role.SHOWN;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, BenchFailure {
        Sha256.of(file); // from the page cache, as a receiver hashes what it just wrote
        long start = System.nanoTime();
        String computed = Sha256.of(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!computed.equals(sha)) {
            throw new BenchFailure("the file's SHA-256 changed while the bench ran");
        }
        return new Measurement(Files.size(file), Math.max(1, millis), Double.NaN, Double.NaN, Double.NaN, -1, 0);
    }
}
