package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.AccountProblem;
import io.sift.api.Availability;
import io.sift.api.ConnectionState;
import io.sift.api.Contact;
import io.sift.api.ContactResource;
import io.sift.api.FileTransferSupport;

/** What TAB offers, and in which order. */
class CompletionsTest {

    @Test
    void contactsThatCanReceiveFilesComeFirstThenOnlineThenOffline() {
        List<Contact> contacts = List.of(
                Contacts.offline("aaron@example.org"),
                Contacts.online("zoe@example.org", true),
                Contacts.online("bea@example.org", false),
                Contacts.online("carl@example.org", true),
                new Contact("dan@example.org", Optional.of("Daniel"), List.of(new ContactResource("dan@example.org/phone",
                        Availability.AWAY, Optional.of("lunch"), 5, FileTransferSupport.UNKNOWN, Optional.empty()))));

        List<Completions.Item> items = Completions.contacts(contacts);

        assertEquals(List.of("carl@example.org", "zoe@example.org", "bea@example.org", "dan@example.org",
                "aaron@example.org"), items.stream().map(Completions.Item::value).toList());
        assertEquals(List.of(Completions.CAN_RECEIVE, Completions.CAN_RECEIVE, Completions.CANNOT_RECEIVE,
                Completions.CANNOT_RECEIVE, Completions.OFFLINE), items.stream().map(Completions.Item::group).toList());
        assertEquals("Daniel, away \"lunch\"", items.get(3).description());
        assertEquals("available", items.get(0).description());
        assertEquals(null, items.get(4).description());
    }

    @Test
    void groupNamesSortInTheSameOrderAsALineReaderShowsThem() {
        // JLine lists groups by name, ignoring case; the names are chosen so that this is the intended order
        List<String> groups = List.of(Completions.OFFLINE, Completions.CANNOT_RECEIVE, Completions.CAN_RECEIVE);
        assertEquals(List.of(Completions.CAN_RECEIVE, Completions.CANNOT_RECEIVE, Completions.OFFLINE),
                groups.stream().sorted(Comparator.comparing(String::toLowerCase)).toList());
    }

    @Test
    void accountsAreOfferedOnceEachThoseThatCanSendFirst() {
        TestSift t = new TestSift();
        t.status("zed@example.org", "z", ConnectionState.ONLINE, null, Optional.empty());
        t.status("amy@example.org", "a1", ConnectionState.FAILED,
                new AccountProblem(AccountProblem.Kind.AUTH_REFUSED, "refused"), Optional.empty());
        t.status("amy@example.org", "a2", ConnectionState.CONNECTING, null, Optional.empty());
        t.status("", "broken", ConnectionState.FAILED,
                new AccountProblem(AccountProblem.Kind.BAD_CONFIGURATION, "invalid"), Optional.empty());

        List<Completions.Item> items = Completions.accounts(t.sift.accounts(), jid -> jid.equals("zed@example.org"));

        assertEquals(List.of("zed@example.org", "amy@example.org"), items.stream().map(Completions.Item::value).toList());
        assertEquals("online", items.get(0).description());
        assertEquals("offline (login refused)", items.get(1).description());
    }

    @Test
    void methodsAreTheShortNames() {
        assertEquals(List.of("socks5", "ibb"), Completions.methods().stream().map(Completions.Item::value).toList());
    }

    @Test
    void onlyRunningTransfersCanBeCancelled() {
        FakeTransfer running = new FakeTransfer("bob@localhost", java.nio.file.Path.of("a.bin"), 10,
                io.sift.api.Direction.OUTGOING, io.sift.api.SendOptions.defaults());
        FakeTransfer done = new FakeTransfer("bob@localhost", java.nio.file.Path.of("b.bin"), 10,
                io.sift.api.Direction.INCOMING, io.sift.api.SendOptions.defaults());
        done.end(io.sift.api.TransferState.DECLINED);
        List<Completions.Item> items = Completions.runningTransfers(List.of(running, done));
        assertEquals(List.of(running.id()), items.stream().map(Completions.Item::value).toList());
        assertEquals("to bob@localhost: a.bin, offered", items.get(0).description());
    }
}
