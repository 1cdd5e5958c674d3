package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashBoundTest {

    @TempDir
    Path dir;

    @Test
    void oneCoreHashesTheFileOnceAndTwoAtOnceTwice() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("f.bin"), data);
        String sha = Sha256.of(file);
        assertEquals(data.length, HashBound.oneCore().measure(file, sha).bytes());
        assertEquals(2L * data.length, HashBound.twoAtOnce().measure(file, sha).bytes());
        assertEquals(Ceiling.Role.SHOWN, HashBound.twoAtOnce().role());
    }

    @Test
    void aFileThatIsNotWhatTheBenchHashedFails() throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        assertThrows(BenchFailure.class, () -> HashBound.twoAtOnce().measure(file, "0".repeat(64)));
        assertThrows(BenchFailure.class, () -> HashBound.oneCore().measure(file, "0".repeat(64)));
    }
}
