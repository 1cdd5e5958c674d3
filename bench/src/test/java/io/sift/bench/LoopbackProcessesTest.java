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

class LoopbackProcessesTest {

    /** This JVM's launcher and class path: the processes run the bench's classes as the tests see them. */
    private static final List<String> JAVA = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"));

    @TempDir
    Path dir;

    @Test
    void thePlainCopyBetweenProcessesMovesEveryByte() throws Exception {
        LoopbackProcesses plain = LoopbackProcesses.plain(dir, JAVA);
        assertEquals("loopback copy, fresh processes", plain.label());
        assertEquals(Ceiling.Role.SHOWN, plain.role());
        movesEverySize(plain);
    }

    @Test
    void theVerifiedCopyBetweenProcessesHashesBothEnds() throws Exception {
        LoopbackProcesses verified = LoopbackProcesses.verified(dir, JAVA);
        assertEquals("loopback copy + SHA-256 both ends, fresh processes", verified.label());
        assertEquals(Ceiling.Role.SHOWN, verified.role());
        movesEverySize(verified);
    }

    /** The copy arrives whole (measure checks its SHA-256), both processes' CPU is counted, the copy removed. */
    private void movesEverySize(LoopbackProcesses ceiling) throws Exception {
        for (int size : new int[] {0, 65537, 3 * 256 * 1024 + 17}) {
            Path source = sample(size);
            Measurement m = ceiling.measure(source, Sha256.of(source));
            assertEquals(size, m.bytes(), "bytes counted of a " + size + "-byte file");
            assertTrue(m.millis() >= 1 && m.cpuSeconds() >= 0, "time and CPU of a " + size + "-byte file: " + m);
            assertFalse(Files.exists(dir.resolve("ceiling-processes.bin")), "the copy is removed once checked");
        }
    }

    @Test
    void aVerifiedCopyWhoseHashesDifferFromTheFileFails() throws Exception {
        Path source = sample(300_000);
        BenchFailure failure = assertThrows(BenchFailure.class,
                () -> LoopbackProcesses.verified(dir, JAVA).measure(source, "0".repeat(64)));
        assertTrue(failure.getMessage().contains("hashes differ"), failure.getMessage());
        assertFalse(Files.exists(dir.resolve("ceiling-processes.bin")), "the copy is removed after a failure too");
    }

    @Test
    void aPlainCopyThatDiffersFromTheFileFails() throws Exception {
        Path source = sample(300_000);
        BenchFailure failure = assertThrows(BenchFailure.class,
                () -> LoopbackProcesses.plain(dir, JAVA).measure(source, "0".repeat(64)));
        assertTrue(failure.getMessage().contains("differs from its source"), failure.getMessage());
    }

    @Test
    void aReceiverThatNeverSaysItIsReadyFailsTheCopy() throws Exception {
        Path source = sample(1000);
        BenchFailure failure = assertThrows(BenchFailure.class,
                () -> LoopbackProcesses.plain(dir, List.of("false"))
                        .measure(source, Sha256.of(source)));
        assertTrue(failure.getMessage().contains("did not start"), failure.getMessage());
    }

    private Path sample(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve("in-" + size + ".bin"), data);
    }
}
