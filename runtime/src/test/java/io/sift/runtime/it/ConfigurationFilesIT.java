package io.sift.runtime.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's etc folder read as Karaf reads its own (Felix FileInstall, ConfigAdmin's
 * interpolation plugin): passwords from the environment and from secret files, a placeholder nothing
 * replaces, and a file added while the runtime runs.
 */
class ConfigurationFilesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void prosody() {
        LocalProsody.start();
    }

    @Test
    void passwordsFromTheEnvironmentAndFromASecretFileLogIn() throws Exception {
        Path aliceEtc = etc("alice", "$[env:SIFT_TEST_PASSWORD]");
        Path bobEtc = etc("bob", "$[secret:bob-password]");
        Files.createDirectories(bobEtc.resolve("secrets"));
        // the plugin trims what it reads: a trailing newline, as editors write it, is not part of the password
        Files.writeString(bobEtc.resolve("secrets/bob-password"), "bob-secret\n", StandardCharsets.UTF_8);
        Path into = dir.resolve("received");
        byte[] data = new byte[300_000];
        new Random(13).nextBytes(data);
        Path file = Files.write(dir.resolve("interpolated.bin"), data);

        try (JarProcess bob = JarProcess.start(dir, "--etc", bobEtc.toString(), "receive", "--into", into.toString(),
                "--timeout", "80")) {
            bob.awaitStderr("Ready: bob@localhost is online", TIMEOUT);

            JarProcess.Outcome alice = JarProcess.run(dir, Map.of("SIFT_TEST_PASSWORD", "alice-secret"), TIMEOUT,
                    "--etc", aliceEtc.toString(), "send", "bob@localhost", file.toString());
            assertEquals(0, alice.exitStatus(), alice.toString());
            assertTrue(alice.stdoutLines().get(0).startsWith("COMPLETED\tinterpolated.bin\t300000\t"), alice.toString());

            JarProcess.Outcome received = bob.await(TIMEOUT);
            assertEquals(0, received.exitStatus(), received.toString());
            assertArrayEquals(data, Files.readAllBytes(into.resolve("interpolated.bin")));
        }
        assertEquals("password = $[env:SIFT_TEST_PASSWORD]", Files.readAllLines(
                aliceEtc.resolve("io.sift.connection-alice.cfg")).get(1), "the file is never written back");
    }

    @Test
    void aPlaceholderNothingReplacesFailsTheAccountNamingWhatIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("small.txt"), "hello", StandardCharsets.US_ASCII);
        Path aliceEtc = etc("alice", "$[env:SIFT_TEST_UNSET_PASSWORD]");

        JarProcess.Outcome unset = JarProcess.run(dir, Collections.singletonMap("SIFT_TEST_UNSET_PASSWORD", null),
                TIMEOUT, "--etc", aliceEtc.toString(), "--login-timeout", "60", "send", "bob@localhost", file.toString());
        assertEquals(3, unset.exitStatus(), unset.toString());
        // at once, not after the login timeout: the configuration cannot work
        assertEquals(List.of("sift: alice@localhost cannot log in: invalid configuration: password: "
                + "$[env:SIFT_TEST_UNSET_PASSWORD] was not replaced: the environment variable SIFT_TEST_UNSET_PASSWORD "
                + "is not set; fix the configuration"), unset.stderrLines(), unset.toString());

        // on the command line too, and a secret that is not there
        JarProcess.Outcome noSecret = JarProcess.run(dir, TIMEOUT, "--jid", "carol@localhost", "--password",
                "$[secret:carol]", "--no-tls", "--host", "127.0.0.1", "--port", Integer.toString(LocalProsody.c2sPort()),
                "--login-timeout", "60", "send", "bob@localhost", file.toString());
        assertEquals(3, noSecret.exitStatus(), noSecret.toString());
        assertEquals(List.of("sift: carol@localhost cannot log in: invalid configuration: password: $[secret:carol] "
                + "was not replaced: there is no secret file carol in the secrets directory; fix the configuration"),
                noSecret.stderrLines(), noSecret.toString());
    }

    @Test
    void anAccountFileAddedWhileTheShellRunsLogsIn() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("late-etc"));
        try (JarProcess shell = JarProcess.start(dir, Map.of("SIFT_TEST_PASSWORD", "alice-secret"), "--etc",
                etc.toString())) {
            shell.awaitStdout("ctrl-d", TIMEOUT); // the console's welcome
            // written beside, then moved in whole: the watcher never sees half a file
            Path draft = Files.writeString(etc.resolve("alice.draft"), account("alice", "$[env:SIFT_TEST_PASSWORD]"),
                    StandardCharsets.UTF_8);
            Files.move(draft, etc.resolve("io.sift.connection-alice.cfg"), StandardCopyOption.ATOMIC_MOVE);
            shell.repeatUntil("sift:accounts --no-format", "alice@localhost\tonline", TIMEOUT);
            shell.endInput(); // Ctrl-D leaves the console
            JarProcess.Outcome outcome = shell.await(TIMEOUT);
            assertEquals(0, outcome.exitStatus(), outcome.toString());
        }
    }

    private Path etc(String user, String password) throws IOException {
        Path etc = Files.createDirectories(dir.resolve(user + "-etc"));
        Files.writeString(etc.resolve("io.sift.connection-" + user + ".cfg"), account(user, password),
                StandardCharsets.UTF_8);
        return etc;
    }

    private static String account(String user, String password) {
        return String.join("\n",
                "jid = " + user + "@localhost",
                "password = " + password,
                "host = 127.0.0.1",
                "port = " + LocalProsody.c2sPort(),
                "securityMode = DISABLED",
                "");
    }
}
