package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockSinkTest {

    @TempDir
    Path dir;

    @Test
    void blocksInOrderAreWrittenAndHashed() throws Exception {
        Path into = dir.resolve("out.bin");
        try (BlockSink sink = new BlockSink(into, 1)) {
            sink.open("s1", 4);
            sink.take("s1", 0, bytes("abcd"));
            sink.take("s1", 1, bytes("ef"));
            sink.end("s1");
            assertEquals(6, sink.bytes());
            assertEquals(sha256("abcdef"), sink.sha256());
        }
        assertArrayEquals(bytes("abcdef"), Files.readAllBytes(into));
    }

    @Test
    void theSequenceNumberWrapsAfter65535() throws Exception {
        try (BlockSink sink = new BlockSink(dir.resolve("out.bin"), 1)) {
            sink.open("s1", 1);
            for (int i = 0; i <= 65536; i++) {
                sink.take("s1", i & 0xffff, new byte[] {(byte) i});
            }
            assertEquals(65537, sink.bytes());
        }
    }

    @Test
    void whatBelongsToNoOpenStreamIsRefusedAndLeavesTheOpenOneAlone() throws Exception {
        try (BlockSink sink = new BlockSink(dir.resolve("out.bin"), 1)) {
            assertEquals("no open stream 's1'", refused(() -> sink.take("s1", 0, bytes("a")), false));
            assertEquals("block size 0 is out of range", refused(() -> sink.open("s1", 0), false));
            sink.open("s1", 2);
            assertEquals("a stream is open already", refused(() -> sink.open("s2", 2), false));
            assertEquals("no open stream 's2'", refused(() -> sink.take("s2", 0, bytes("a")), false));
            assertEquals("no open stream 's2'", refused(() -> sink.end("s2"), false));
            sink.take("s1", 0, bytes("ab"));
            sink.end("s1");
            assertEquals("no open stream 's1'", refused(() -> sink.take("s1", 1, bytes("c")), false));
            assertEquals(2, sink.bytes());
        }
    }

    @Test
    void eachStreamAwaitedRewritesTheFileAndNoneOpensBeyondThem() throws Exception {
        Path into = dir.resolve("out.bin");
        try (BlockSink sink = new BlockSink(into, 2)) {
            assertFalse(sink.lastAwaited());
            sink.open("s1", 4);
            assertFalse(sink.lastAwaited());
            sink.take("s1", 0, bytes("abcd"));
            sink.take("s1", 1, bytes("efgh"));
            sink.end("s1");
            assertEquals(8, sink.bytes());
            assertEquals(sha256("abcdefgh"), sink.sha256());

            sink.open("s2", 4);
            assertTrue(sink.lastAwaited());
            assertEquals("block 1 came where 0 was next", refused(() -> sink.take("s2", 1, bytes("x")), true));
            sink.take("s2", 0, bytes("xy"));
            sink.end("s2");
            assertEquals(2, sink.bytes());
            assertEquals(sha256("xy"), sink.sha256());
            assertArrayEquals(bytes("xy"), Files.readAllBytes(into));

            assertEquals("every stream awaited has come", refused(() -> sink.open("s3", 4), false));
            assertArrayEquals(bytes("xy"), Files.readAllBytes(into));
        }
    }

    @Test
    void aBlockOfTheOpenStreamThatDoesNotFitEndsIt() throws Exception {
        try (BlockSink sink = new BlockSink(dir.resolve("out.bin"), 1)) {
            sink.open("s1", 2);
            assertEquals("block 1 came where 0 was next", refused(() -> sink.take("s1", 1, bytes("a")), true));
            assertEquals("block 0 is not base64", refused(() -> sink.take("s1", 0, null), true));
            assertEquals("block 0 has 3 bytes, more than the block size 2",
                    refused(() -> sink.take("s1", 0, bytes("abc")), true));
            assertEquals(0, sink.bytes());
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path existing = Files.writeString(dir.resolve("there.bin"), "keep");
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> new BlockSink(existing, 1).close());
        assertEquals("keep", Files.readString(existing));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String refused(Step step, boolean endsStream) {
        BlockSink.Refused refused = assertThrows(BlockSink.Refused.class, step::run);
        assertEquals(endsStream, refused.endsStream(), refused.getMessage());
        return refused.getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
    }
}
