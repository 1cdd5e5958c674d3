package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.junit.jupiter.api.Test;

/** The jar's command line: process options, the command, and the command's options anywhere. */
class InvocationTest {

    @Command(scope = "sift", name = "send", description = "Send files.")
    static class Send implements Action {
        @Option(name = "-m", aliases = "--method", description = "method")
        String method;
        @Option(name = "--one-by-one", description = "one by one")
        boolean oneByOne;
        @Option(name = "--retries", description = "retries")
        int retries;
        @Option(name = "--login-timeout", description = "login")
        int loginTimeout;
        @Argument(index = 0, name = "jid", required = true, description = "receiver")
        String peer;
        @Argument(index = 1, name = "file", required = true, multiValued = true, description = "files")
        List<String> files;

        @Override
        public Object execute() {
            return null;
        }
    }

    @Command(scope = "sift", name = "receive", description = "Receive files.")
    static class Receive implements Action {
        @Option(name = "-i", aliases = "--into", description = "directory")
        String into;
        @Option(name = "-n", aliases = "--count", description = "count")
        int count;

        @Override
        public Object execute() {
            return null;
        }
    }

    private static final Map<String, ActionSyntax> COMMANDS = Map.of("send", new ActionSyntax(Send.class),
            "receive", new ActionSyntax(Receive.class));

    private static Invocation parse(String... args) throws UsageException {
        return Invocation.parse(List.of(args), COMMANDS);
    }

    private static String usage(String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args), () -> String.join(" ", args));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void optionsMayComeAnywhereAndReachTheActionFirst() throws Exception {
        Invocation inv = parse("--etc", "conf", "send", "bob@example.org", "a.bin", "--method", "ibb", "b c.bin",
                "--one-by-one", "--retries=3");
        assertEquals(Optional.of(Path.of("conf")), inv.process().etc());
        assertEquals(Optional.of("send"), inv.command());
        assertEquals(List.of("-m", "ibb", "--one-by-one", "--retries", "3", "bob@example.org", "a.bin", "b c.bin"),
                inv.parameters());
        assertFalse(inv.commandHelp());
    }

    @Test
    void aCommandsOptionMayComeBeforeTheCommand() throws Exception {
        Invocation inv = parse("--jid", "a@b", "--password", "pw", "--login-timeout", "5", "send", "bob@b", "f");
        assertEquals(List.of("--login-timeout", "5", "bob@b", "f"), inv.parameters());
        assertEquals("a@b", inv.process().account().orElseThrow().jid());
        assertTrue(inv.process().account().orElseThrow().tls());
    }

    @Test
    void argumentsThatLookLikeOptionsFollowADoubleDash() throws Exception {
        assertEquals(List.of("bob@b", "-odd.txt"), parse("send", "bob@b", "--", "-odd.txt").parameters());
        assertEquals(List.of("bob@b", "@notes.txt"), parse("send", "bob@b", "@notes.txt").parameters(),
                "no argument files");
    }

    @Test
    void noCommandIsTheShellAndHelpAndVersionAreTheProcesss() throws Exception {
        Invocation shell = parse("--etc", "x");
        assertEquals(Optional.empty(), shell.command());
        assertFalse(shell.process().help());
        assertEquals(Optional.empty(), parse("shell", "--verbose").command());
        assertTrue(parse("--version").process().version());
        assertTrue(parse("--help").process().help());
        assertTrue(parse("help").process().help());
    }

    @Test
    void helpOfACommandIsItsOwn() throws Exception {
        for (Invocation inv : List.of(parse("send", "--help"), parse("help", "send"), parse("help", "sift:send"),
                parse("--etc", "x", "send", "-h"))) {
            assertEquals(Optional.of("send"), inv.command());
            assertTrue(inv.commandHelp());
        }
    }

    @Test
    void malformedCommandLinesFailWithOneLine() {
        assertEquals("unknown command 'sned' (receive, send; without a command: the shell)", usage("sned", "x"));
        assertEquals("send: Unknown option: '--speed'", usage("send", "bob@b", "f", "--speed", "3"));
        assertEquals("send: Missing required parameter: 'file'", usage("send", "bob@b"));
        assertEquals("send: Missing required parameters: 'jid', 'file'", usage("send"));
        assertTrue(usage("send", "bob@b", "f", "--retries", "many").contains("'many' is not an int"));
        assertTrue(usage("send", "bob@b", "f", "--method").contains("Missing required parameter for option '--method'"));
        assertTrue(usage("send", "bob@b", "f", "-m", "ibb", "--method", "socks5").contains("should be specified only once"));
        assertEquals("an account on the command line needs both --jid and --password", usage("--jid", "a@b", "send", "b", "f"));
        assertEquals("--port must be between 1 and 65535, not 0",
                usage("--jid", "a@b", "--password", "p", "--port", "0"));
        assertEquals("Unknown options: '--into', 'x'", usage("--into", "x"));
        assertTrue(usage("help", "nothing").startsWith("help takes one command"));
        assertTrue(usage("shell", "now").startsWith("shell takes no arguments"));
    }
}
