package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    @Test
    void noArgumentsOpensTheShell() throws Exception {
        CliArguments args = CliArguments.parse();
        assertEquals(CliArguments.Command.SHELL, args.command());
        assertTrue(args.etc().isEmpty());
        assertEquals(CliArguments.DEFAULT_LOGIN_TIMEOUT, args.loginTimeout());
    }

    @Test
    void sendWithOptionsBeforeAndAfter() throws Exception {
        CliArguments args = CliArguments.parse("--etc", "conf", "send", "bob@example.org", "my file.pdf",
                "--method=socks5", "--desc", "the report", "--wait-peer", "0", "--progress");
        assertEquals(CliArguments.Command.SEND, args.command());
        assertEquals(List.of("bob@example.org", "my file.pdf"), args.arguments());
        assertEquals(Path.of("conf"), args.etc().orElseThrow());
        assertEquals("socks5", args.option("method").orElseThrow());
        assertEquals("the report", args.option("desc").orElseThrow());
        assertEquals(Duration.ZERO, args.waitPeer());
        assertTrue(args.option("progress").isPresent());
        assertFalse(args.reportMemory());
    }

    @Test
    void sendTakesSeveralFiles() throws Exception {
        CliArguments args = CliArguments.parse("send", "bob@example.org", "a.bin", "b.bin", "--one-by-one",
                "--report-cpu");
        assertEquals("bob@example.org", args.receiver());
        assertEquals(List.of("a.bin", "b.bin"), args.files());
        assertTrue(args.option("one-by-one").isPresent());
        assertTrue(args.option("report-cpu").isPresent());
        assertUsage("unknown option --one-by-one for receive", "receive", "--one-by-one");
        assertEquals(0, args.retries(), "no retries unless asked");
        assertEquals(3, CliArguments.parse("send", "bob@example.org", "a.bin", "--retries", "3").retries());
        assertUsage("--retries needs a whole number, not 'many'", "send", "bob@example.org", "a.bin", "--retries",
                "many");
        assertTrue(CliArguments.parse("receive", "--report-cpu").option("report-cpu").isPresent());
    }

    @Test
    void reportMemoryIsAGlobalFlag() throws Exception {
        assertTrue(CliArguments.parse("--report-memory", "receive", "--into", "x").reportMemory());
        assertTrue(CliArguments.parse("send", "a@b", "f", "--report-memory").reportMemory());
        assertUsage("option --report-memory takes no value", "--report-memory=yes", "receive");
    }

    @Test
    void receiveDefaultsAndLimits() throws Exception {
        CliArguments args = CliArguments.parse("receive", "--into", "/srv/in");
        assertEquals(1, args.count());
        assertEquals(Duration.ZERO, args.receiveTimeout(), "no limit unless asked");
        CliArguments limited = CliArguments.parse("receive", "--count", "3", "--timeout", "60");
        assertEquals(3, limited.count());
        assertEquals(Duration.ofSeconds(60), limited.receiveTimeout());
    }

    @Test
    void accountOnTheCommandLine() throws Exception {
        CliArguments args = CliArguments.parse("--jid", "alice@example.org", "--password", "pw", "--host",
                "127.0.0.1", "--port", "15222", "--no-tls", "receive");
        CliArguments.AccountOption account = args.account().orElseThrow();
        assertEquals(new CliArguments.AccountOption("alice@example.org", "pw", "127.0.0.1", 15222, false), account);
        assertTrue(CliArguments.parse("--jid", "a@b", "--password", "p").account().orElseThrow().tls());
    }

    @Test
    void helpInAnyForm() throws Exception {
        assertEquals(CliArguments.Command.HELP, CliArguments.parse("help").command());
        assertEquals(CliArguments.Command.HELP, CliArguments.parse("--help").command());
        assertEquals(CliArguments.Command.HELP, CliArguments.parse("send", "-h").command());
        assertFalse(CliArguments.usage().isBlank());
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        CliArguments args = CliArguments.parse("send", "--", "bob@example.org", "--weird-name");
        assertEquals(List.of("bob@example.org", "--weird-name"), args.arguments());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertUsage("unknown command 'sned' (send, receive, shell or help)", "sned", "a", "b");
        assertUsage("send needs a receiver and at least one file: send JID FILE...", "send", "bob@example.org");
        assertUsage("send needs a receiver and at least one file: send JID FILE...", "send");
        assertUsage("receive takes no arguments besides options: receive --into DIR", "receive", "/tmp");
        assertUsage("option --into needs a value", "receive", "--into");
        assertUsage("option --progress takes no value", "send", "a", "b", "--progress=yes");
        assertUsage("unknown option --into for send", "send", "a", "b", "--into", "x");
        assertUsage("unknown option --method for receive", "receive", "--method", "ibb");
        assertUsage("option --etc given twice", "--etc", "a", "--etc", "b");
        assertUsage("--count must be at least 1", "receive", "--count", "0");
        assertUsage("--count needs a whole number, not 'many'", "receive", "--count", "many");
        assertUsage("--count must be between 0 and 1000000, not -1", "receive", "--count", "-1");
        assertUsage("--count needs a whole number, not '99999999999999999999'", "receive", "--count",
                "99999999999999999999");
        assertUsage("--port must be between 0 and 65535, not 70000", "--jid", "a@b", "--password", "p", "--port",
                "70000");
        assertUsage("an account on the command line needs both --jid and --password", "--jid", "a@b");
        assertUsage("unexpected argument 'extra'", "shell", "extra");
    }

    private static void assertUsage(String message, String... args) {
        CliArguments.UsageException e = assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse(args));
        assertEquals(message, e.getMessage());
    }
}
