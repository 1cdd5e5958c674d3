package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.AccountProblem;
import io.sift.api.ConnectionState;
import io.sift.api.FailureReason;
import io.sift.api.StreamMethods;
import io.sift.api.TransferState;
import io.sift.shell.internal.gogo.GogoCommands;

/**
 * The commands as Gogo functions (the runnable jar's shell): argument and option parsing, output, and
 * one-line errors.
 */
class GogoCommandsTest {

    @TempDir
    Path dir;

    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private CommandProcessorImpl processor;
    private CommandSession session;
    private final TestSift sift = new TestSift();

    @BeforeEach
    void setUp() {
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        GogoCommands commands = new GogoCommands(sift.sift);
        for (String function : List.of("accounts", "contacts", "send", "transfers", "accept", "decline", "cancel")) {
            processor.addCommand("sift", commands, function);
        }
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        session.put("COLUMNS", 60);
    }

    @AfterEach
    void tearDown() {
        session.close();
        threadIo.stop();
    }

    @Test
    void sendWithOptionsAfterTheArgumentsShowsProgressOutcomeAndHash() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello", StandardCharsets.US_ASCII);
        FakeService alice = online("alice@localhost", t -> {
            t.progress(2, StreamMethods.IBB);
            t.end(TransferState.COMPLETED);
        });

        session.execute("sift:send bob@localhost " + file + " --method ibb --desc 'greetings'");

        FakeTransfer sent = alice.sent.get(0);
        assertEquals(List.of(StreamMethods.IBB), sent.options.methods());
        assertEquals("greetings", sent.options.description().orElseThrow());
        String text = output();
        assertTrue(text.contains("Sending hello.txt from alice@localhost to bob@localhost"), text);
        assertTrue(text.contains("100%  5 B/5 B"), text);
        assertTrue(text.contains("Completed: hello.txt (5 B) to bob@localhost"), text);
        assertTrue(text.contains("over ibb"), text);
        assertTrue(text.contains("SHA-256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  " + file), text);
        for (String line : text.split("[\r\n]")) {
            assertTrue(line.length() <= 60 || !line.contains("%"), () -> "progress wider than the terminal: " + line);
        }
    }

    @Test
    void optionsBeforeTheArgumentsWorkToo() throws Exception {
        Path file = Files.writeString(dir.resolve("a.bin"), "x");
        FakeService alice = online("alice@localhost", t -> t.end(TransferState.COMPLETED));
        session.execute("sift:send -m socks5 bob@localhost " + file);
        assertEquals(List.of(StreamMethods.SOCKS5), alice.sent.get(0).options.methods());
    }

    @Test
    void declinedTransferEndsWithItsOutcomeLineAndNoHash() throws Exception {
        Path file = Files.writeString(dir.resolve("no.txt"), "nope");
        online("alice@localhost", t -> t.end(TransferState.DECLINED));
        session.execute("sift:send bob@localhost " + file);
        String text = output();
        assertTrue(text.contains("Declined: no.txt to bob@localhost (the receiver said no)"), text);
        assertFalse(text.contains("SHA-256"), text);
    }

    @Test
    void failedTransferNamesTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "f");
        online("alice@localhost", t -> t.fail(FailureReason.PEER_UNAVAILABLE, "bob@localhost has no available resource"));
        session.execute("sift:send bob@localhost " + file);
        assertTrue(output().contains("Failed: f.txt to bob@localhost: peer unavailable: bob@localhost has no available resource"),
                output());
    }

    @Test
    void errorsAreOneLineExceptions() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.txt"), "ok");
        assertEquals("no account is online (see sift:accounts)",
                failure("sift:send bob@localhost " + file));

        online("alice@localhost", t -> t.end(TransferState.COMPLETED));
        assertEquals("no such file: " + dir.resolve("missing.txt"),
                failure("sift:send bob@localhost " + dir.resolve("missing.txt")));
        assertEquals("not a regular file: " + dir, failure("sift:send bob@localhost " + dir));
        assertEquals("unknown stream method 'carrier-pigeon' (use ibb or socks5)",
                failure("sift:send bob@localhost " + file + " --method carrier-pigeon"));
        assertEquals("account carol@localhost is not online; online: alice@localhost (see sift:accounts)",
                failure("sift:send --account carol@localhost bob@localhost " + file));
        assertEquals("cannot send ok.txt: not a JID: bob", failure("sift:send bob " + file));

        online("carol@localhost", t -> t.end(TransferState.COMPLETED));
        assertEquals("several accounts are online (alice@localhost, carol@localhost): choose one with --account",
                failure("sift:send bob@localhost " + file));
    }

    @Test
    void accountOptionPicksTheSender() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.txt"), "ok");
        FakeService alice = online("alice@localhost", t -> t.end(TransferState.COMPLETED));
        FakeService carol = online("carol@localhost", t -> t.end(TransferState.COMPLETED));
        session.execute("sift:send bob@localhost " + file + " --account Carol@localhost");
        assertEquals(0, alice.sent.size());
        assertEquals(1, carol.sent.size());
    }

    @Test
    void accountsListsEveryConfigurationWithItsState() throws Exception {
        session.execute("sift:accounts");
        assertEquals("No account is configured (factory PID io.sift.connection).", output().strip());
        out.reset();

        online("alice@localhost", t -> { });
        sift.status("alice@localhost", "io.sift.connection~old", ConnectionState.FAILED,
                new AccountProblem(AccountProblem.Kind.AUTH_REFUSED, "the server refused the login (not-authorized)"),
                java.util.Optional.empty());
        session.execute("sift:accounts");
        String text = output().replaceAll(" {2,}", "  ");
        assertTrue(text.startsWith("ACCOUNT  STATE  CONFIGURATION  DETAIL"), text);
        assertTrue(text.contains("alice@localhost  online  io.sift.connection~alice  alice@localhost/sift"), text);
        assertTrue(text.contains("alice@localhost  offline (login refused)  io.sift.connection~old  the server refused "
                + "the login (not-authorized); check the password; not retried until the configuration changes"), text);
    }

    @Test
    void contactsListsWhoCanReceiveFilesFirst() throws Exception {
        session.execute("sift:contacts");
        assertEquals("No account is online.", output().strip());
        out.reset();
        sift.contacts("alice@localhost", List.of(Contacts.offline("dave@localhost"), Contacts.online("carol@localhost", false),
                Contacts.online("bob@localhost", true)));
        session.execute("sift:contacts");
        String[] lines = output().split("\\R");
        assertTrue(lines[0].startsWith("CONTACT"), lines[0]);
        assertTrue(lines[1].startsWith("bob@localhost    -     can receive files  home: available, files"), lines[1]);
        assertTrue(lines[2].startsWith("carol@localhost  -     online             home: available, no file transfer"), lines[2]);
        assertTrue(lines[3].startsWith("dave@localhost   -     offline"), lines[3]);
    }

    @Test
    void transfersTableAndCancel() throws Exception {
        Path file = Files.writeString(dir.resolve("t.txt"), "0123456789");
        FakeService alice = online("alice@localhost", t -> t.end(TransferState.COMPLETED));
        session.execute("sift:send bob@localhost " + file);
        out.reset();
        session.execute("sift:transfers");
        String id = alice.sent.get(0).id();
        String text = output().replaceAll(" {2,}", "  ");
        assertTrue(text.contains(id + "  alice@localhost  out  bob@localhost  t.txt  completed (verified)  10 B/10 B 100%"), text);

        FakeTransfer running = new FakeTransfer("bob@localhost", file, 10, io.sift.api.Direction.OUTGOING,
                io.sift.api.SendOptions.defaults());
        alice.sent.add(running);
        out.reset();
        session.execute("sift:cancel " + running.id());
        assertEquals(TransferState.CANCELLED, running.state());
        assertTrue(output().startsWith("Cancelled " + running.id() + ": t.txt"), output());
        assertEquals("transfer " + running.id() + " has already ended (CANCELLED)", failure("sift:cancel " + running.id()));
        assertEquals("no transfer 999999 (see sift:transfers)", failure("sift:cancel 999999"));
    }

    @Test
    void acceptAndDeclineNeedTheAskPolicy() {
        String expected = "offers do not wait for an answer here: set askOffers=true in io.sift.shell to decide "
                + "them with sift:accept and sift:decline";
        assertEquals(expected, failure("sift:accept 12"));
        assertEquals(expected, failure("sift:accept 12 /tmp"));
        assertEquals(expected, failure("sift:decline 12"));
    }

    private FakeService online(String jid, Consumer<FakeTransfer> onSend) {
        FakeService service = new FakeService(jid, onSend);
        sift.fileTransfer(service);
        sift.status(jid, "io.sift.connection~" + jid.substring(0, jid.indexOf('@')), ConnectionState.ONLINE, null,
                java.util.Optional.empty());
        return service;
    }

    private String failure(String command) {
        Exception e = assertThrows(Exception.class, () -> session.execute(command));
        return e.getMessage();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
