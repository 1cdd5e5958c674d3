package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Beside its copy thread or in it, an end of a verified copy hashes every byte it was handed, in order. */
class CopyHasherTest {

    @Test
    void besideAndInLineHashEveryByteInOrder() throws Exception {
        byte[] data = new byte[5 * CopyHasher.BUFFER / 2 + 7];
        new Random(3).nextBytes(data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        for (boolean beside : new boolean[] {true, false}) {
            try (CopyHasher hasher = new CopyHasher("test", beside)) {
                Random sizes = new Random(4);
                int at = 0;
                while (at < data.length) {
                    ByteBuffer buffer = hasher.borrow();
                    int n = Math.min(data.length - at, 1 + sizes.nextInt(buffer.capacity()));
                    buffer.put(data, at, n).flip();
                    at += n;
                    hasher.hash(buffer);
                }
                assertEquals(expected, hasher.finish(), beside ? "beside" : "in line");
            }
        }
    }
}
