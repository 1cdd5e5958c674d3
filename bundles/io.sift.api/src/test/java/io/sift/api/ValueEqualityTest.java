package io.sift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The values whose equals and hashCode are written out: each component takes part in both. */
class ValueEqualityTest {

    private static final Instant SINCE = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void contactResourcesAreEqualWhenEveryComponentIs() {
        assertOnlyEqualCopiesMatch(resource("bob@example.org/pc", 5), resource("bob@example.org/pc", 5),
                resource("bob@example.org/phone", 5),
                new ContactResource("bob@example.org/pc", Availability.AWAY, Optional.of("here"), 5,
                        FileTransferSupport.SUPPORTED, Optional.of("https://sift.io")),
                new ContactResource("bob@example.org/pc", Availability.AVAILABLE, Optional.empty(), 5,
                        FileTransferSupport.SUPPORTED, Optional.of("https://sift.io")),
                resource("bob@example.org/pc", 4),
                new ContactResource("bob@example.org/pc", Availability.AVAILABLE, Optional.of("here"), 5,
                        FileTransferSupport.UNSUPPORTED, Optional.of("https://sift.io")),
                new ContactResource("bob@example.org/pc", Availability.AVAILABLE, Optional.of("here"), 5,
                        FileTransferSupport.SUPPORTED, Optional.empty()));
    }

    @Test
    void contactsAreEqualWhenEveryComponentIs() {
        List<ContactResource> online = List.of(resource("bob@example.org/pc", 5));
        assertOnlyEqualCopiesMatch(new Contact("bob@example.org", Optional.of("Bob"), online),
                new Contact("bob@example.org", Optional.of("Bob"), List.of(resource("bob@example.org/pc", 5))),
                new Contact("carol@example.org", Optional.of("Bob"), online),
                new Contact("bob@example.org", Optional.empty(), online),
                new Contact("bob@example.org", Optional.of("Bob"), List.of()));
    }

    @Test
    void accountStatesAreEqualWhenEveryComponentIs() {
        AccountProblem lost = new AccountProblem(AccountProblem.Kind.CONNECTION_LOST, "reset", List.of());
        assertOnlyEqualCopiesMatch(state(ConnectionState.OFFLINE, Optional.of(lost), SINCE),
                state(ConnectionState.OFFLINE, Optional.of(new AccountProblem(AccountProblem.Kind.CONNECTION_LOST,
                        "reset", List.of())), SINCE),
                state(ConnectionState.CONNECTING, Optional.of(lost), SINCE),
                state(ConnectionState.OFFLINE, Optional.empty(), SINCE),
                state(ConnectionState.OFFLINE, Optional.of(lost), SINCE.plusMillis(1)),
                new AccountState(ConnectionState.OFFLINE, Optional.of(lost), SINCE, Optional.of("alice@example.org/r"),
                        Optional.of(SINCE.plusSeconds(1))),
                new AccountState(ConnectionState.OFFLINE, Optional.of(lost), SINCE, Optional.empty(),
                        Optional.empty()));
    }

    private static ContactResource resource(String jid, int priority) {
        return new ContactResource(jid, Availability.AVAILABLE, Optional.of("here"), priority,
                FileTransferSupport.SUPPORTED, Optional.of("https://sift.io"));
    }

    private static AccountState state(ConnectionState state, Optional<AccountProblem> problem, Instant since) {
        return new AccountState(state, problem, since, Optional.empty(), Optional.of(SINCE.plusSeconds(1)));
    }

    /** {@code value} equals its copy and hashes alike, and differs from each of the others. */
    private static void assertOnlyEqualCopiesMatch(Object value, Object copy, Object... others) {
        assertEquals(value, copy);
        assertEquals(value.hashCode(), copy.hashCode());
        for (Object other : others) {
            assertNotEquals(value, other, () -> "equal to " + other);
            assertNotEquals(other, value, () -> other + " equal to it");
        }
        assertNotEquals(value, null);
        assertNotEquals(value, "not a value");
    }
}
