package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.AccountProblem;
import io.sift.api.AccountProblem.Kind;
import io.sift.api.AccountState;
import io.sift.api.ConnectionState;

class StatusTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<AccountState> published = new ArrayList<>();

    @Test
    void aSessionGoesFromConnectingToOnlineAndForgetsTheLastProblem() {
        StatusTracker tracker = tracker();
        assertEquals(ConnectionState.CONNECTING, tracker.current().state());

        AccountProblem refused = new AccountProblem(Kind.UNREACHABLE, "cannot reach the server: Connection refused");
        clock.advance(Duration.ofSeconds(1));
        tracker.offline(refused, Optional.of(T0.plusSeconds(3)));
        clock.advance(Duration.ofSeconds(2));
        tracker.connecting();
        assertEquals(Optional.of(refused), tracker.current().problem(), "the last attempt's problem stays while retrying");
        assertEquals(T0.plusSeconds(3), tracker.current().since());
        clock.advance(Duration.ofSeconds(1));
        tracker.online("alice@example.org/sift");

        assertEquals(List.of(ConnectionState.OFFLINE, ConnectionState.CONNECTING, ConnectionState.ONLINE),
                published.stream().map(AccountState::state).toList());
        AccountState online = tracker.current();
        assertEquals(Optional.empty(), online.problem());
        assertEquals(Optional.of("alice@example.org/sift"), online.boundJid());
        assertEquals(T0.plusSeconds(4), online.since());
        assertEquals(Optional.of(T0.plusSeconds(3)), published.get(0).nextAttempt());
    }

    @Test
    void aRefusedLoginStaysFailedWhateverSmackReportsAfterwards() {
        StatusTracker tracker = tracker();
        AccountProblem refused = new AccountProblem(Kind.AUTH_REFUSED, "the server refused the login (not-authorized)");
        tracker.failed(refused);
        // the disconnect that follows a refusal, and a retry that was already queued
        tracker.offline(new AccountProblem(Kind.CONNECTION_LOST, "closed"), Optional.empty());
        tracker.connecting();
        tracker.online("alice@example.org/sift");

        assertEquals(ConnectionState.FAILED, tracker.current().state());
        assertEquals(Optional.of(refused), tracker.current().problem());
        assertEquals(1, published.size());
    }

    @Test
    void aRepeatedStateIsPublishedOnce() {
        StatusTracker tracker = tracker();
        tracker.connecting();
        tracker.connecting();
        assertTrue(published.isEmpty(), "CONNECTING was the state already: " + published);
        tracker.online("a@b/c");
        tracker.online("a@b/c");
        assertEquals(1, published.size());
    }

    @Test
    void nothingIsPublishedAfterClose() {
        StatusTracker tracker = tracker();
        tracker.close();
        tracker.online("a@b/c");
        assertTrue(published.isEmpty());
        assertEquals(ConnectionState.CONNECTING, tracker.current().state());
    }

    @Test
    void anInvalidConfigurationStartsFailedWithItsProblems() {
        AccountProblem bad = AccountProblems.badConfiguration(List.of("jid: missing (expected user@domain)", "port: 0 is out of range (1-65535)"));
        StatusTracker tracker = StatusTracker.failedFrom(clock, bad);
        assertEquals(ConnectionState.FAILED, tracker.current().state());
        assertEquals(Kind.BAD_CONFIGURATION, tracker.current().problem().orElseThrow().kind());
        assertEquals(2, tracker.current().problem().orElseThrow().details().size());
    }

    private StatusTracker tracker() {
        StatusTracker tracker = new StatusTracker(clock);
        tracker.publishTo(published::add);
        return tracker;
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
