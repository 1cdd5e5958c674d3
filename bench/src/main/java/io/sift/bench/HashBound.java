package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Not a movement of bytes but the other limit of a verified transfer: how fast this JVM computes the
 * SHA-256 of the file from the page cache. On one thread, it is what a receiver that checks every
 * byte it writes cannot beat, however fast the loopback copy is. On two threads at once (the
 * sender's hash and the receiver's, in a transfer on this machine) it shows whether the two cores
 * hash side by side at twice that rate, or get in each other's way, as two virtual CPUs placed on
 * one physical core do: then every verified transfer slows down with them, and the row says so.
 */
final class HashBound implements Ceiling {

    private final int threads;

    private HashBound(int threads) {
        this.threads = threads;
    }

    static HashBound oneCore() {
        return new HashBound(1);
    }

    static HashBound twoAtOnce() {
        return new HashBound(2);
    }

    @Override
    public String label() {
        return threads == 1 ? "bound: SHA-256, one core" : "bound: SHA-256, two at once";
    }

    @Override
    public Role role() {
        return Role.SHOWN;
    }

    /** The bytes hashed in all (the file once per thread) over the time until the last thread ended. */
    @Override
    public Measurement measure(Path file, String sha) throws IOException, BenchFailure, InterruptedException {
        Sha256.of(file); // from the page cache, as a receiver hashes what it just wrote
        double cpuBefore = ProcStat.thisProcessCpuSeconds();
        long start = System.nanoTime();
        List<CompletableFuture<String>> hashes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CompletableFuture<String> hash = new CompletableFuture<>();
            Thread hasher = new Thread(() -> {
                try {
                    hash.complete(Sha256.of(file));
                } catch (IOException | RuntimeException e) {
                    hash.completeExceptionally(e);
                }
            }, "hash bound " + i);
            hasher.setDaemon(true);
            hasher.start();
            hashes.add(hash);
        }
        for (CompletableFuture<String> hash : hashes) {
            String computed;
            try {
                computed = hash.get();
            } catch (ExecutionException e) {
                throw new BenchFailure("hashing the file failed: " + e.getCause());
            }
            if (!computed.equals(sha)) {
                throw new BenchFailure("the file's SHA-256 changed while the bench ran");
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        double cpu = ProcStat.thisProcessCpuSeconds() - cpuBefore;
        return new Measurement(Files.size(file) * threads, Math.max(1, millis), Double.NaN, cpu, Double.NaN, -1, 0);
    }
}
