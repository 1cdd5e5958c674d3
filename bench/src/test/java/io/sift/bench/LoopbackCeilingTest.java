package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackCeilingTest {

    @TempDir
    Path dir;

    @Test
    void copiesTheFileExactly() throws Exception {
        byte[] data = new byte[3 * 65536 + 17];
        new Random(6).nextBytes(data);
        Path source = Files.write(dir.resolve("in.bin"), data);
        long millis = LoopbackCeiling.copy(source, dir.resolve("out.bin"), 30);
        assertTrue(millis >= 0);
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("out.bin")));
        assertEquals(Sha256.of(source), Sha256.of(dir.resolve("out.bin")));
    }

    @Test
    void anEmptyFileArrivesEmpty() throws Exception {
        Path source = Files.write(dir.resolve("empty"), new byte[0]);
        LoopbackCeiling.copy(source, dir.resolve("copy"), 30);
        assertEquals(0, Files.size(dir.resolve("copy")));
    }

    @Test
    void sha256OfAKnownText() throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(file));
    }
}
