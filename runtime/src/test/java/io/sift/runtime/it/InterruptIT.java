package io.sift.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM on a running send or receive: the running transfer is cancelled on both
 * sides, the peer hears of it at once, the interrupted receiver leaves no partial file, and the process
 * ends with 128 + the signal's number and one line that says why.
 */
class InterruptIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Large enough to be mid-way for a long while over in-band bytestreams; sparse, so it costs no disk. */
    static final long SIZE = 1L << 30;

    @TempDir
    Path dir;

    @BeforeAll
    static void prosody() {
        LocalProsody.start();
    }

    @Test
    void ctrlCOnTheSenderCancelsOnBothSides() throws Exception {
        Path into = dir.resolve("in");
        try (JarProcess bob = receiver(into); JarProcess alice = sender()) {
            awaitMidway(into, alice, bob);
            long signalled = System.nanoTime();
            alice.signal("INT");
            String line = bob.awaitStdoutLine("CANCELLED\t", TIMEOUT);
            long peerMillis = millisSince(signalled);
            JarProcess.Outcome sent = alice.await(TIMEOUT);
            long exitMillis = millisSince(signalled);
            System.out.println("SIGINT to the sender: receiver CANCELLED after " + peerMillis + " ms, sender exit "
                    + sent.exitStatus() + " after " + exitMillis + " ms");
            assertEquals(130, sent.exitStatus(), sent.toString());
            assertEquals("sift: interrupted (SIGINT); send stopped", last(sent.stderrLines()), sent.toString());
            assertTrue(sent.stdoutLines().get(0).startsWith("CANCELLED\tbig.bin\t" + SIZE + "\tibb\t"), sent.toString());
            // CANCELLED, not FAILED: the peer was told by the cancel itself, not left to find the stream gone
            assertTrue(line.startsWith("CANCELLED\tbig.bin\t" + SIZE + "\tibb\t"), line);
            JarProcess.Outcome received = bob.await(TIMEOUT);
            assertEquals(1, received.exitStatus(), received.toString());
        }
    }

    @Test
    void ctrlCOnTheReceiverCancelsOnBothSidesAndLeavesNoPartialFile() throws Exception {
        Path into = dir.resolve("in");
        try (JarProcess bob = receiver(into); JarProcess alice = sender()) {
            awaitMidway(into, alice, bob);
            long signalled = System.nanoTime();
            bob.signal("INT");
            String line = alice.awaitStdoutLine("CANCELLED\t", TIMEOUT);
            long peerMillis = millisSince(signalled);
            JarProcess.Outcome received = bob.await(TIMEOUT);
            long exitMillis = millisSince(signalled);
            System.out.println("SIGINT to the receiver: sender CANCELLED after " + peerMillis + " ms, receiver exit "
                    + received.exitStatus() + " after " + exitMillis + " ms");
            assertEquals(130, received.exitStatus(), received.toString());
            assertEquals("sift: interrupted (SIGINT); receive stopped", last(received.stderrLines()),
                    received.toString());
            assertTrue(line.startsWith("CANCELLED\tbig.bin\t" + SIZE + "\tibb\t"), line);
            assertEquals(List.of(), files(into), "nothing stays of the cancelled file");
            JarProcess.Outcome sent = alice.await(TIMEOUT);
            assertEquals(1, sent.exitStatus(), sent.toString());
        }
    }

    @Test
    void sigtermOnTheReceiverEndsWith143() throws Exception {
        Path into = dir.resolve("in");
        try (JarProcess bob = receiver(into); JarProcess alice = sender()) {
            awaitMidway(into, alice, bob);
            long signalled = System.nanoTime();
            bob.signal("TERM");
            alice.awaitStdoutLine("CANCELLED\t", TIMEOUT);
            JarProcess.Outcome received = bob.await(TIMEOUT);
            System.out.println("SIGTERM to the receiver: exit " + received.exitStatus() + " after "
                    + millisSince(signalled) + " ms");
            assertEquals(143, received.exitStatus(), received.toString());
            assertEquals("sift: terminated (SIGTERM); receive stopped", last(received.stderrLines()),
                    received.toString());
            assertEquals(List.of(), files(into));
        }
    }

    private JarProcess receiver(Path into) throws Exception {
        JarProcess bob = JarProcess.start(dir, "--etc", etc("bob").toString(), "receive", "--into", into.toString(),
                "--timeout", "600");
        bob.awaitStderr("Ready: bob@localhost is online", TIMEOUT);
        return bob;
    }

    private JarProcess sender() throws IOException {
        Path file = dir.resolve("big.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SIZE);
        }
        return JarProcess.start(dir, "--etc", etc("alice").toString(), "send", "bob@localhost", file.toString(),
                "--method", "ibb");
    }

    /** Waits until a good part of the file arrived: the transfer runs. */
    private static void awaitMidway(Path into, JarProcess alice, JarProcess bob) throws InterruptedException {
        Path part = into.resolve("big.bin.part");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (size(part) < 256 * 1024) {
            if (System.nanoTime() - deadline > 0 || !alice.isAlive() || !bob.isAlive()) {
                throw new AssertionError("the transfer did not get under way");
            }
            bob.awaitAnyOutput(Duration.ofMillis(50));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String last(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private Path etc(String user) throws IOException {
        Path etc = Files.createDirectories(dir.resolve(user + "-etc"));
        Files.writeString(etc.resolve("io.sift.connection-" + user + ".cfg"), String.join("\n",
                "jid = " + user + "@localhost",
                "password = " + user + "-secret",
                "host = 127.0.0.1",
                "port = " + LocalProsody.c2sPort(),
                "securityMode = DISABLED",
                ""), StandardCharsets.UTF_8);
        return etc;
    }
}
