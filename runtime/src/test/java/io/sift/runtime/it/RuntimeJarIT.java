package io.sift.runtime.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported runnable jar as people run it: separate processes with an etc/ folder each, against
 * the local Prosody. One process receives, another sends; both print their result lines.
 */
class RuntimeJarIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void prosody() {
        LocalProsody.start();
    }

    @Test
    void oneProcessSendsAnotherReceivesTheSameBytes() throws Exception {
        Path aliceEtc = etc("alice");
        Path bobEtc = etc("bob");
        Path into = dir.resolve("received");
        byte[] data = new byte[2 * 1024 * 1024 + 321];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("payload.bin"), data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        // bin/sift names a file for a run that records a class-data archive: a command that succeeds creates it
        Path classDataMark = dir.resolve("receive.done");
        try (JarProcess bob = JarProcess.start(dir, Map.of("JAVA_TOOL_OPTIONS", "-Dsift.classData.done=" + classDataMark),
                "--etc", bobEtc.toString(), "receive", "--into", into.toString(), "--count", "1", "--timeout", "80")) {
            bob.awaitStderr("Ready: bob@localhost is online", TIMEOUT);
            assertFalse(Files.exists(classDataMark), "not before the command has succeeded");

            JarProcess.Outcome alice = JarProcess.run(dir, TIMEOUT, "--etc", aliceEtc.toString(), "send",
                    "bob@localhost", file.toString(), "--desc", "runtime itest", "--report-memory", "--verbose");
            assertEquals(0, alice.exitStatus(), alice.toString());
            List<String> sent = List.of(alice.stdoutLines().get(0).split("\t"));
            assertEquals("COMPLETED", sent.get(0), alice.toString());
            assertEquals("payload.bin", sent.get(1));
            assertEquals(Integer.toString(data.length), sent.get(2));
            assertEquals(sha, sent.get(4));
            assertTrue(sent.get(5).startsWith("bob@localhost/"), sent.get(5));
            assertTrue(alice.stderr().contains("Completed: payload.bin"), alice.toString());
            assertTrue(alice.stderr().contains("verified by the receiver (SHA-256)"), alice.toString());
            assertTrue(alice.stderrLines().stream().anyMatch(l -> l.matches("peak-heap-bytes\t[1-9]\\d*")),
                    alice.toString());
            // --verbose: the lines the bundles log at info as well, not only the framework's own events
            assertTrue(alice.stderrLines().stream().anyMatch(l -> l.startsWith("[INFO] io.sift.connection: ")
                    && l.contains("alice@localhost logged in as alice@localhost/")), alice.toString());

            JarProcess.Outcome received = bob.await(TIMEOUT);
            assertEquals(0, received.exitStatus(), received.toString());
            assertTrue(received.stderrLines().stream().noneMatch(l -> l.startsWith("[INFO]")), "without --verbose");
            List<String> line = List.of(received.stdoutLines().get(0).split("\t"));
            assertEquals(List.of("COMPLETED", "payload.bin", Integer.toString(data.length), sent.get(3), sha,
                    into.resolve("payload.bin").toString()), line.subList(0, 6));
            // milliseconds from the offer to the end, and to the first byte, which comes before it
            for (List<String> columns : List.of(sent, line)) {
                assertEquals(9, columns.size(), columns.toString());
                assertEquals("verified", columns.get(8), "SIFT to SIFT: the receiver checked the SHA-256 and said so");
                long total = Long.parseLong(columns.get(6));
                long firstByte = Long.parseLong(columns.get(7));
                assertTrue(firstByte >= 0 && firstByte <= total, columns.toString());
            }
            assertArrayEquals(data, Files.readAllBytes(into.resolve("payload.bin")));
            assertTrue(Files.isRegularFile(classDataMark), "the receive succeeded: " + received);
        }
    }

    @Test
    void severalFilesAtOnceAndOneByOne() throws Exception {
        Path into = dir.resolve("many");
        List<Path> files = new java.util.ArrayList<>();
        java.util.Map<String, String> shas = new java.util.HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[300_000 + i * 77_777];
            random.nextBytes(data);
            Path file = Files.write(dir.resolve("part-" + i + ".bin"), data);
            files.add(file);
            shas.put(file.getFileName().toString(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }
        for (List<String> mode : List.of(List.<String>of(), List.of("--one-by-one", "--report-cpu"))) {
            Path target = Files.createDirectories(into.resolve(mode.isEmpty() ? "together" : "one-by-one"));
            try (JarProcess bob = JarProcess.start(dir, "--etc", etc("bob").toString(), "receive", "--into",
                    target.toString(), "--count", "3", "--timeout", "80")) {
                bob.awaitStderr("Ready: bob@localhost is online", TIMEOUT);
                List<String> command = new java.util.ArrayList<>(List.of("--etc", etc("alice").toString(), "send",
                        "bob@localhost"));
                files.forEach(f -> command.add(f.toString()));
                command.addAll(mode);
                JarProcess.Outcome alice = JarProcess.run(dir, TIMEOUT, command.toArray(String[]::new));
                assertEquals(0, alice.exitStatus(), alice.toString());
                assertEquals(3, alice.stdoutLines().size(), alice.toString());
                for (String mark : List.of("cpu-at-offer-nanos", "cpu-at-end-nanos")) {
                    assertEquals(!mode.isEmpty(), alice.stderrLines().stream()
                            .anyMatch(l -> l.matches(mark + "\t[1-9]\\d*")), alice.toString());
                }
                JarProcess.Outcome received = bob.await(TIMEOUT);
                assertEquals(0, received.exitStatus(), received.toString());
                for (String line : received.stdoutLines()) {
                    List<String> columns = List.of(line.split("\t"));
                    assertEquals("COMPLETED", columns.get(0), line);
                    assertEquals(shas.get(columns.get(1)), columns.get(4), line);
                    assertEquals(shas.get(columns.get(1)), HexFormat.of().formatHex(MessageDigest
                            .getInstance("SHA-256").digest(Files.readAllBytes(target.resolve(columns.get(1))))));
                }
                assertEquals(3, received.stdoutLines().size(), received.toString());
            }
        }
    }

    @Test
    void theShellWithoutCommandLogsInAndAnswers() throws Exception {
        Path aliceEtc = etc("alice");
        try (JarProcess shell = JarProcess.start(dir, "--etc", aliceEtc.toString())) {
            shell.awaitStdout("to leave", TIMEOUT);
            // the account logs in in the background: ask until the shell reports it online
            shell.repeatUntil("sift:accounts --no-format", "alice@localhost\tonline", TIMEOUT);
            shell.endInput();
            JarProcess.Outcome outcome = shell.await(TIMEOUT);
            assertEquals(0, outcome.exitStatus(), outcome.toString());
        }
    }

    @Test
    void versionAndHelpOfEachCommand() throws Exception {
        JarProcess.Outcome version = JarProcess.run(dir, TIMEOUT, "--version");
        assertEquals(0, version.exitStatus(), version.toString());
        assertEquals(List.of("SIFT " + System.getProperty("sift.version")), version.stdoutLines());

        JarProcess.Outcome help = JarProcess.run(dir, TIMEOUT, "send", "--help");
        System.out.println("sift.jar send --help:\n" + String.join("\n", help.stdoutLines()));
        assertEquals(0, help.exitStatus(), help.toString());
        String text = String.join("\n", help.stdoutLines());
        for (String expected : List.of("sift:send [options] jid file", "-m, --method", "--one-by-one", "--retries",
                "--wait-peer", "--login-timeout", "--no-format", "-a, --account", "-d, --desc", "Ctrl-C cancels")) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
        assertTrue(!text.contains("\u001b"), "no escape sequences in a pipe");
        JarProcess.Outcome viaHelp = JarProcess.run(dir, TIMEOUT, "help", "send");
        assertEquals(0, viaHelp.exitStatus(), viaHelp.toString());
        // the same text; Karaf lists the options in an order of its own each time
        assertEquals(help.stdoutLines().stream().sorted().toList(), viaHelp.stdoutLines().stream().sorted().toList());

        JarProcess.Outcome usage = JarProcess.run(dir, TIMEOUT, "--help");
        assertEquals(0, usage.exitStatus(), usage.toString());
        assertTrue(usage.stdoutLines().get(0).startsWith("usage: java -jar sift.jar"), usage.toString());
        assertTrue(usage.stdoutLines().stream().anyMatch(l -> l.startsWith("  receive ")), usage.toString());
    }

    @Test
    void failuresEndWithOneLineAndAStatus() throws Exception {
        Path file = Files.writeString(dir.resolve("small.txt"), "hello", StandardCharsets.US_ASCII);
        int port = LocalProsody.c2sPort();

        // a refused login ends the command as soon as the server said no, not when the wait is over
        long started = System.nanoTime();
        JarProcess.Outcome wrongPassword = JarProcess.run(dir, TIMEOUT, "--jid", "alice@localhost", "--password",
                "wrong", "--host", "127.0.0.1", "--port", Integer.toString(port), "--no-tls", "--login-timeout", "120",
                "send", "bob@localhost", file.toString());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("wrong password: exit " + wrongPassword.exitStatus() + " " + millis
                + " ms after the process started (login timeout 120 s)");
        assertEquals(3, wrongPassword.exitStatus(), wrongPassword.toString());
        assertEquals(1, wrongPassword.stderrLines().size(), wrongPassword.toString());
        assertTrue(wrongPassword.stderrLines().get(0).startsWith("sift: alice@localhost cannot log in: the server "
                + "refused the login (not-authorized)"), wrongPassword.toString());
        assertTrue(wrongPassword.stderr().contains("check the password"), wrongPassword.toString());
        assertTrue(millis < 60_000, "exit 3 long before the login timeout of 120 s: " + millis + " ms");

        JarProcess.Outcome offlinePeer = JarProcess.run(dir, TIMEOUT, "--etc", etc("alice").toString(), "send",
                "carol@localhost", file.toString(), "--wait-peer", "0");
        assertEquals(1, offlinePeer.exitStatus(), offlinePeer.toString());
        assertEquals(1, offlinePeer.stdoutLines().size(), offlinePeer.toString());
        assertTrue(offlinePeer.stdoutLines().get(0).matches("FAILED\tsmall.txt\t5\t-\t-\tcarol@localhost\t\\d+\t-\t-"),
                offlinePeer.toString());
        // the server's answer at login that carol is unavailable (a bare JID) does not fail the send: the
        // negotiation finds no resource and says so
        assertEquals(List.of("sift: Failed: small.txt to carol@localhost: peer unavailable: carol@localhost has no "
                + "available resource"), offlinePeer.stderrLines());

        JarProcess.Outcome typo = JarProcess.run(dir, TIMEOUT, "sned", "bob@localhost", "x");
        assertEquals(2, typo.exitStatus(), typo.toString());
        assertEquals(List.of("sift: unknown command 'sned' (accept, accounts, cancel, contacts, decline, receive, "
                + "send, transfers; without a command: the shell) (java -jar sift.jar --help)"), typo.stderrLines());

        JarProcess.Outcome badOption = JarProcess.run(dir, TIMEOUT, "send", "bob@localhost", file.toString(),
                "--retries", "many");
        assertEquals(2, badOption.exitStatus(), badOption.toString());
        assertEquals(List.of("sift: send: Invalid value for option '--retries': 'many' is not an int "
                + "(java -jar sift.jar --help)"), badOption.stderrLines());
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
