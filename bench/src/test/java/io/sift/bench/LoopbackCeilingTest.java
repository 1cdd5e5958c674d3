package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackCeilingTest {

    @TempDir
    Path dir;

    /** Sizes around both copies' buffers (64 KiB plain, 256 KiB verified) and across several of them. */
    private static final int[] SIZES = {0, 1, 65535, 65536, 65537, 256 * 1024, 256 * 1024 + 1, 3 * 256 * 1024 + 17,
            9 * 256 * 1024 + 5};

    @Test
    void thePlainCopyMovesEveryByteAndIsACeiling() throws Exception {
        LoopbackCeiling plain = LoopbackCeiling.plain(dir);
        assertEquals(Ceiling.Role.CEILING, plain.role());
        movesEverySize(plain);
    }

    @Test
    void theVerifiedCopyHashesBothEndsAndIsABound() throws Exception {
        LoopbackCeiling verified = LoopbackCeiling.verified(dir);
        assertEquals(Ceiling.Role.BOUND, verified.role());
        movesEverySize(verified);
    }

    /** The copy arrives whole (measure checks its SHA-256), is counted, and is removed once checked. */
    private void movesEverySize(LoopbackCeiling ceiling) throws Exception {
        for (int size : SIZES) {
            Path source = sample(size);
            Measurement m = ceiling.measure(source, Sha256.of(source));
            assertEquals(size, m.bytes(), "bytes counted of a " + size + "-byte file");
            assertTrue(m.cpuSeconds() >= 0, "the bench JVM's CPU is counted");
            assertFalse(Files.exists(dir.resolve("ceiling.bin")), "the copy is removed once checked");
        }
    }

    @Test
    void copiesAtOnceEachArriveWholeAndAllAreCounted() throws Exception {
        for (LoopbackCeiling ceiling : new LoopbackCeiling[] {LoopbackCeiling.plain(dir, 4),
                LoopbackCeiling.verified(dir, 4)}) {
            for (int size : new int[] {0, 65537, 3 * 256 * 1024 + 17}) {
                Path source = sample(size);
                Measurement m = ceiling.measure(source, Sha256.of(source));
                assertEquals(4L * size, m.bytes(), ceiling.label() + ": every stream's bytes of a " + size
                        + "-byte file");
                try (var left = Files.list(dir)) {
                    assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                            .filter(name -> name.startsWith("ceiling")).toList(), "every copy is removed once checked");
                }
            }
        }
        assertEquals("ceiling: loopback, 4 at once", LoopbackCeiling.plain(dir, 4).label());
        assertEquals("bound: loopback + SHA-256 both ends, 4 at once", LoopbackCeiling.verified(dir, 4).label());
        assertEquals(Ceiling.Role.BOUND, LoopbackCeiling.verified(dir, 4).role());
        assertEquals("ceiling: loopback", LoopbackCeiling.plain(dir).label());
    }

    @Test
    void copiesAtOnceFailWhenTheirHashesDifferFromTheFile() throws Exception {
        Path source = sample(300_000);
        BenchFailure failure = assertThrows(BenchFailure.class,
                () -> LoopbackCeiling.verified(dir, 3).measure(source, "0".repeat(64)));
        assertTrue(failure.getMessage().contains("hashes differ"), failure.getMessage());
    }

    @Test
    void aVerifiedCopyWhoseHashesDifferFromTheFileFails() throws Exception {
        Path source = sample(300_000);
        String other = "0".repeat(64);
        BenchFailure failure = assertThrows(BenchFailure.class,
                () -> LoopbackCeiling.verified(dir).measure(source, other));
        assertTrue(failure.getMessage().contains("hashes differ"), failure.getMessage());
    }

    @Test
    void sha256OfAKnownText() throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(file));
    }

    private Path sample(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve("in-" + size + ".bin"), data);
    }
}
