package io.sift.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.AccountProblem;
import io.sift.api.AccountProblem.Kind;
import io.sift.api.ConnectionState;

/** sift:accounts: one row per configuration, with the state and why it is not online. */
class AccountRowsTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void everyConfigurationIsARowWithItsStateAndReason() {
        TestSift t = new TestSift();
        t.status("alice@example.org", "io.sift.connection~alice", ConnectionState.ONLINE, null, Optional.empty());
        t.status("alice@example.org", "io.sift.connection~alice2", ConnectionState.FAILED,
                new AccountProblem(Kind.AUTH_REFUSED, "the server refused the login (not-authorized): Wrong."),
                Optional.empty());
        t.status("bob@example.org", "io.sift.connection~bob", ConnectionState.OFFLINE,
                new AccountProblem(Kind.UNREACHABLE, "cannot reach example.org:5222: Connection refused"),
                Optional.of(NOW.plusMillis(4200)));
        t.status("carol@example.org", "io.sift.connection~carol", ConnectionState.CONNECTING,
                new AccountProblem(Kind.CONNECTION_LOST, "the connection broke: Broken pipe"), Optional.empty());
        t.status("dave@example.org", "io.sift.connection~dave", ConnectionState.FAILED,
                new AccountProblem(Kind.CONFLICT, "another client logged in with the same resource"), Optional.empty());
        t.status("", "io.sift.connection~broken", ConnectionState.FAILED,
                AccountProblemsFor.badConfiguration("jid: missing (expected user@domain)"), Optional.empty());

        TableView table = AccountRows.table(t.sift.accounts(), jid -> jid.equals("alice@example.org"), NOW);

        assertEquals(List.of("ACCOUNT", "STATE", "CONFIGURATION", "DETAIL"), table.headers());
        assertEquals(List.of(
                List.of("(no jid)", "offline (bad configuration)", "io.sift.connection~broken",
                        "invalid configuration: jid: missing (expected user@domain); fix the configuration"),
                List.of("alice@example.org", "online", "io.sift.connection~alice", "alice@example.org/sift"),
                List.of("alice@example.org", "offline (login refused)", "io.sift.connection~alice2",
                        "the server refused the login (not-authorized): Wrong; check the password; "
                                + "not retried until the configuration changes"),
                List.of("bob@example.org", "offline (unreachable)", "io.sift.connection~bob",
                        "cannot reach example.org:5222: Connection refused; next attempt in 5s"),
                List.of("carol@example.org", "connecting", "io.sift.connection~carol",
                        "last attempt: the connection broke: Broken pipe"),
                List.of("dave@example.org", "offline (resource taken)", "io.sift.connection~dave",
                        "another client logged in with the same resource; give each client its own resource; "
                                + "not retried until the configuration changes")),
                table.rows());
    }

    @Test
    void anOnlineAccountWithoutFileTransferSaysSo() {
        TestSift t = new TestSift();
        t.status("alice@example.org", "p", ConnectionState.ONLINE, null, Optional.empty());
        assertEquals("online (no file transfer)",
                AccountRows.table(t.sift.accounts(), jid -> false, NOW).rows().get(0).get(1));
    }

    @Test
    void reconnectOffIsNamed() {
        TestSift t = new TestSift();
        t.status("bob@example.org", "p", ConnectionState.OFFLINE,
                new AccountProblem(Kind.CONNECTION_LOST, "the server closed the stream (system-shutdown)"),
                Optional.empty());
        assertEquals("the server closed the stream (system-shutdown); reconnect is off",
                AccountRows.table(t.sift.accounts(), jid -> false, NOW).rows().get(0).get(3));
    }

    /** The connection bundle's wording, as the status carries it. */
    private static final class AccountProblemsFor {
        static AccountProblem badConfiguration(String... problems) {
            return new AccountProblem(Kind.BAD_CONFIGURATION, "invalid configuration: " + String.join("; ", problems),
                    List.of(problems));
        }
    }
}
