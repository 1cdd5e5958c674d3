package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SmackPeerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SmackPeer.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badCommandLineExitsWithTwoAndOneLineOnStderr() {
        assertEquals(2, run("send", "--jid", "alice@localhost", "--password", "pw", "--port", "http"));
        assertEquals("smack-peer: --port: 'http' is not a whole number (see smack-peer --help)\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionExitsWithTwo() {
        assertEquals(2, run("receive", "--jid", "bob@localhost", "--password", "pw", "--into", "/", "--file", "x"));
        assertEquals("smack-peer: unknown option --file for receive (see smack-peer --help)\n", err());
    }

    @Test
    void missingOptionExitsWithTwo() {
        assertEquals(2, run("send", "--jid", "alice@localhost"));
        assertEquals("smack-peer: missing required option --password (see smack-peer --help)\n", err());
    }

    @Test
    void noArgumentsExitsWithTwo() {
        assertEquals(2, run());
        assertEquals("smack-peer: missing command: send, receive, blocks-send or blocks-receive (see smack-peer --help)\n", err());
    }

    @Test
    void helpPrintsUsageAndExitsWithZero() {
        assertEquals(0, run("--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.startsWith("usage:"), usage);
        assertTrue(usage.contains("smack-peer send") && usage.contains("smack-peer receive"), usage);
        assertTrue(usage.contains("[--file PATH]...") && usage.contains("[--one-by-one]"), usage);
        assertEquals("", err());
    }
}
