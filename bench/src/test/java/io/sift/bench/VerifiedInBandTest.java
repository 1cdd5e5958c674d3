package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two ends of the verified in-band bound, joined without a server. */
class VerifiedInBandTest {

    @TempDir
    Path dir;

    @Test
    void blocksReadEncodedDecodedAndWrittenGiveTheFileAndItsHashAtBothEnds() throws Exception {
        byte[] content = new byte[3 * 4096 + 1000];
        new SplittableRandom(7).nextBytes(content);
        Path file = Files.write(dir.resolve("in.bin"), content);
        Path received = dir.resolve("out.bin");
        try (FileBlocks source = new FileBlocks(file, 4096); DecodedFile sink = new DecodedFile(received)) {
            assertEquals(4, source.count());
            assertEquals(5464, source.maxBase64Length());
            for (long i = 0; i < source.count(); i++) {
                byte[] text = source.base64(i);
                assertEquals(i < 3 ? 4096 : 1000, Base64.getDecoder().decode(text).length);
                sink.take(i, ByteBuffer.wrap(text).asReadOnlyBuffer());
            }
            String expected = Sha256.of(file);
            assertEquals(expected, source.sha256());
            assertEquals(expected, sink.sha256());
        }
        assertArrayEquals(content, Files.readAllBytes(received));
    }

    @Test
    void blocksAreReadOnceAndInOrder() throws Exception {
        Path file = Files.write(dir.resolve("in.bin"), new byte[10_000]);
        try (FileBlocks source = new FileBlocks(file, 4096)) {
            assertThrows(IllegalStateException.class, () -> source.base64(1));
            source.base64(0);
            assertThrows(IllegalStateException.class, () -> source.base64(0));
            source.base64(1);
            source.base64(2);
            assertThrows(IllegalStateException.class, () -> source.base64(3), "past the last block");
        }
    }

    @Test
    void textThatIsNotBase64FailsTheRun() throws Exception {
        try (DecodedFile sink = new DecodedFile(dir.resolve("out.bin"))) {
            BenchFailure f = assertThrows(BenchFailure.class,
                    () -> sink.take(5, ByteBuffer.wrap("QU*D".getBytes(StandardCharsets.US_ASCII))));
            assertTrue(f.getMessage().startsWith("block 5 is not base64"), f.getMessage());
        }
    }

    @Test
    void theCeilingsBlocksAreCheckedByTheirText() throws Exception {
        InBandBlocks blocks = new InBandBlocks(2 * 4096, 4096);
        blocks.check(1, ByteBuffer.wrap(blocks.base64(1)).asReadOnlyBuffer());
        assertThrows(BenchFailure.class, () -> blocks.check(1, ByteBuffer.wrap(blocks.base64(0))));
        assertThrows(BenchFailure.class, () -> blocks.check(2, ByteBuffer.wrap(blocks.base64(0))), "no third block");
    }
}
