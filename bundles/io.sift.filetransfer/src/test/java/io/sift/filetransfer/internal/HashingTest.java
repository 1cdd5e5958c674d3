package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hashes computed beside a copy, and hashes kept for re-sends, are the hashes of the bytes. */
class HashingTest {

    @TempDir
    Path dir;

    private final AtomicInteger handedOver = new AtomicInteger();
    private final ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>()) {
        @Override
        public void execute(Runnable command) {
            handedOver.incrementAndGet();
            super.execute(command);
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void thePipeHashesEveryByteInOrderWhateverTheChunks() throws Exception {
        assertHashesEveryByte(new Hashers(executor, 1));
        assertEquals(1, handedOver.get(), "a hasher ran beside the copy");
    }

    @Test
    void withEveryPlaceTakenTheCopyLoopHashesInLineAndAFinishedHasherGivesItsPlaceBack() throws Exception {
        Hashers hashers = new Hashers(executor, 1);
        assertTrue(hashers.claim(), "the one place");
        assertHashesEveryByte(hashers);
        assertEquals(0, handedOver.get(), "no hasher ran beside the copy");
        hashers.release();
        assertHashesEveryByte(hashers);
        assertEquals(1, handedOver.get(), "a place was free again: a hasher ran beside the copy");
        assertTrue(hashers.claim(), "the hasher gave its place back when it finished");
        assertFalse(hashers.claim(), "one place only");
    }

    @Test
    void aPipeClosedBeforeItsEndGivesItsPlaceBack() throws Exception {
        Hashers hashers = new Hashers(executor, 1);
        try (HashingPipe pipe = new HashingPipe(false, hashers, 2, 1024)) {
            ByteBuffer buffer = pipe.borrow();
            buffer.put(new byte[100]).flip();
            pipe.hash(buffer);
        }
        // given back once the hasher has read what it had: claimable again
        Await.until(Duration.ofSeconds(30), hashers::claim);
    }

    @Test
    void aStreamTakesTheBuffersAnEndedStreamLeftWithTheirOldBytesGone() throws Exception {
        for (int places : new int[] {1, 0}) { // beside the copy, and in line
            Hashers hashers = new Hashers(executor, places);
            Set<ByteBuffer> first = Collections.newSetFromMap(new IdentityHashMap<>());
            byte[] data = new byte[HashingPipe.BUFFER * 3 + 5];
            new Random(places).nextBytes(data);
            assertEquals(hex("SHA-256", data), pump(hashers, data, first).sha256());

            Set<ByteBuffer> second = Collections.newSetFromMap(new IdentityHashMap<>());
            byte[] other = Arrays.copyOf(data, 1000);
            assertEquals(hex("SHA-256", other), pump(hashers, other, second).sha256(),
                    "only the new stream's bytes are hashed, whatever the buffer held before");
            assertFalse(second.isEmpty());
            assertTrue(first.containsAll(second), "the second stream made no buffer of its own: " + places);
        }
    }

    /** Sends {@code data} through a pipe of full-size buffers, noting each buffer it was given. */
    private static ContentHashes pump(Hashers hashers, byte[] data, Set<ByteBuffer> seen) throws Exception {
        try (HashingPipe pipe = new HashingPipe(false, hashers, 3, HashingPipe.BUFFER)) {
            int at = 0;
            while (at < data.length) {
                ByteBuffer buffer = pipe.borrow();
                assertEquals(0, buffer.position());
                assertEquals(buffer.capacity(), buffer.limit());
                seen.add(buffer);
                int n = Math.min(data.length - at, buffer.remaining());
                buffer.put(data, at, n).flip();
                at += n;
                pipe.hash(buffer);
            }
            return pipe.finish();
        }
    }

    private void assertHashesEveryByte(Hashers hashers) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 11];
        new Random(9).nextBytes(data);
        Random sizes = new Random(10);
        ContentHashes hashes;
        try (HashingPipe pipe = new HashingPipe(true, hashers, 3, 64 * 1024)) {
            int at = 0;
            while (at < data.length) {
                ByteBuffer buffer = pipe.borrow();
                int n = Math.min(data.length - at, 1 + sizes.nextInt(buffer.capacity()));
                buffer.put(data, at, n).flip();
                at += n;
                pipe.hash(buffer);
            }
            hashes = pipe.finish();
        }
        assertEquals(hex("SHA-256", data), hashes.sha256());
        assertEquals(Optional.of(hex("MD5", data)), hashes.md5());
    }

    @Test
    void anEmptyStreamHasTheHashesOfNothing() throws Exception {
        try (HashingPipe pipe = new HashingPipe(false, new Hashers(executor, 1), 2, 1024)) {
            ContentHashes hashes = pipe.finish();
            assertEquals(hex("SHA-256", new byte[0]), hashes.sha256());
            assertEquals(Optional.empty(), hashes.md5());
        }
    }

    @Test
    void theCacheHoldsOnlyWhileTheFileIsUnchanged() throws Exception {
        DigestCache cache = new DigestCache(4);
        byte[] first = "first version".getBytes();
        Path file = Files.write(dir.resolve("a.txt"), first);
        assertEquals(hex("SHA-256", first), cache.sha256(file));
        assertEquals(hex("MD5", first), cache.md5(file));

        byte[] second = "other version".getBytes(); // same size
        Files.write(file, second);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertEquals(hex("SHA-256", second), cache.sha256(file));
        assertNotEquals(hex("MD5", first), cache.md5(file));
    }
}
