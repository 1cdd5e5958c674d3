package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * smack-peer's blocks-send and blocks-receive, the bench's row of in-band blocks through Smack's IQ
 * API, through the project's Prosody: the file arrives whole, and a stream that cannot be taken ends
 * both processes with a BLOCKS line saying why, within seconds, not at their time-out. No OSGi
 * framework is involved, so the test runs in one of the two framework passes only.
 */
public class SmackPeerBlocksIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(120);

    @BeforeClass
    public static void once() {
        Assume.assumeTrue("no framework in it: the felix pass runs it", "felix".equals(SiftRuntime.framework()));
        LocalProsody.start();
    }

    @Test
    public void aFileOfBlocksArrivesWholeAcrossTheSequenceWrap() throws Exception {
        Path dir = TestFiles.tempDir("blocks-");
        // 16-byte blocks: more than 65536 of them, so the sequence numbers wrap to 0 on the way
        Path file = TestFiles.random(dir, "source.bin", 65_536L * 16 + 1000, 11);
        Path into = dir.resolve("received.bin");
        try (PeerProcess bob = SmackPeer.blocksReceive("bob", "blocks", into)) {
            bob.await("READY", PROMPTLY);
            try (PeerProcess alice = SmackPeer.blocksSend("alice", "blocks", "bob@localhost/blocks", file,
                    "--ibb-block-size", "16", "--window", "64")) {
                Map<String, String> sent = alice.await("BLOCKS", PROMPTLY);
                assertEquals(sent.get("line"), "complete", sent.get("status"));
                assertEquals(Long.toString(Files.size(file)), sent.get("bytes"));
                assertEquals(TestFiles.sha256(file), sent.get("sha256"));
                assertEquals(0, alice.exitCode(PROMPTLY));
            }
            Map<String, String> received = bob.await("BLOCKS", PROMPTLY);
            assertEquals(received.get("line"), "complete", received.get("status"));
            assertEquals(TestFiles.sha256(file), received.get("sha256"));
            assertEquals(0, bob.exitCode(PROMPTLY));
        }
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(into));
    }

    @Test
    public void streamsOneAfterAnotherEachArriveWholeWithOneListenerTakingTheAnswers() throws Exception {
        Path dir = TestFiles.tempDir("blocks-streams-");
        Path file = TestFiles.random(dir, "source.bin", (1L << 20) + 777, 14);
        String sha = TestFiles.sha256(file);
        Path into = dir.resolve("received.bin");
        try (PeerProcess bob = SmackPeer.blocksReceive("bob", "blocks", into, "--streams", "3")) {
            bob.await("READY", PROMPTLY);
            try (PeerProcess alice = SmackPeer.blocksSend("alice", "blocks", "bob@localhost/blocks", file,
                    "--ibb-block-size", "4096", "--window", "16", "--streams", "3", "--one-listener")) {
                for (int stream = 1; stream <= 3; stream++) {
                    Map<String, String> sent = alice.await("BLOCKS", PROMPTLY);
                    assertEquals(sent.get("line"), "complete", sent.get("status"));
                    assertEquals(Long.toString(Files.size(file)), sent.get("bytes"));
                    assertEquals(sha, sent.get("sha256"));
                    Map<String, String> received = bob.await("BLOCKS", PROMPTLY);
                    assertEquals(received.get("line"), "complete", received.get("status"));
                    assertEquals(Long.toString(Files.size(file)), received.get("bytes"));
                    assertEquals(sha, received.get("sha256"));
                }
                assertEquals(0, alice.exitCode(PROMPTLY));
            }
            assertEquals(0, bob.exitCode(PROMPTLY));
        }
        // each stream wrote the file again from its start
        assertEquals(sha, TestFiles.sha256(into));
    }

    @Test
    public void ofTwoStreamsToOneReceiverOneCompletesAndTheOtherEndsAtOnceWithItsReason() throws Exception {
        Path dir = TestFiles.tempDir("blocks-two-");
        Path slow = TestFiles.random(dir, "slow.bin", 2L << 20, 12);
        Path other = TestFiles.random(dir, "other.bin", 64 << 10, 13);
        try (PeerProcess bob = SmackPeer.blocksReceive("bob", "blocks", dir.resolve("received.bin"))) {
            bob.await("READY", PROMPTLY);
            // one block at a time: the first stream stays open while the second one's open arrives
            try (PeerProcess alice = SmackPeer.blocksSend("alice", "blocks", "bob@localhost/blocks", slow,
                    "--ibb-block-size", "4096", "--window", "1");
                    PeerProcess carol = SmackPeer.blocksSend("carol", "blocks", "bob@localhost/blocks", other,
                            "--ibb-block-size", "4096", "--window", "1")) {
                List<Map<String, String>> ends = List.of(alice.await("BLOCKS", PROMPTLY),
                        carol.await("BLOCKS", PROMPTLY));
                List<Integer> codes = List.of(alice.exitCode(PROMPTLY), carol.exitCode(PROMPTLY));
                int complete = "complete".equals(ends.get(0).get("status")) ? 0 : 1;
                Map<String, String> done = ends.get(complete);
                Map<String, String> refused = ends.get(1 - complete);
                assertEquals(ends.toString(), "complete", done.get("status"));
                assertEquals(0, (int) codes.get(complete));
                assertEquals(ends.toString(), "failed", refused.get("status"));
                assertTrue(refused.get("line"), refused.get("error").startsWith("the_open_was_refused"));
                assertEquals(1, (int) codes.get(1 - complete));
                Path sentFile = complete == 0 ? slow : other;
                Map<String, String> received = bob.await("BLOCKS", PROMPTLY);
                assertEquals(received.get("line"), "complete", received.get("status"));
                assertEquals(TestFiles.sha256(sentFile), received.get("sha256"));
            }
        }
    }
}
