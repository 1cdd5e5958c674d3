package io.sift.connection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.sift.api.AccountProblem;
import io.sift.api.AccountState;
import io.sift.api.ConnectionState;

/**
 * The state of one account configuration, changed by the account's session as it connects, logs in,
 * fails and retries, and handed to a publisher after each change.
 *
 * <p>The session's thread and Smack's threads report changes concurrently. Each change is made under
 * this object's lock; the publisher is called outside it (it updates service properties, which calls
 * framework listeners synchronously) and always gets the latest state, so publications may skip a
 * state that was overtaken at once but the last one always describes the present.
 *
 * <p>{@link ConnectionState#FAILED} is final for a session: the refusal or conflict that caused it
 * is followed by Smack closing the connection, and that late report must not turn the account back
 * into one that waits for a retry.
 */
final class StatusTracker {

    private final Clock clock;
    private final Object publishing = new Object();
    private AccountState state; // guarded by this
    private boolean closed; // guarded by this
    private Consumer<AccountState> publisher; // guarded by publishing
    private AccountState published; // guarded by publishing

    /** Starts as {@link ConnectionState#CONNECTING}: a session begins its first attempt at once. */
    StatusTracker(Clock clock) {
        this.clock = clock;
        this.state = new AccountState(ConnectionState.CONNECTING, Optional.empty(), clock.instant(), Optional.empty(),
                Optional.empty());
    }

    /** A configuration that never gets a session. */
    static StatusTracker failedFrom(Clock clock, AccountProblem problem) {
        StatusTracker tracker = new StatusTracker(clock);
        tracker.failed(problem);
        return tracker;
    }

    synchronized AccountState current() {
        return state;
    }

    /** From now on every change goes to {@code publisher}; the current state is not published again. */
    void publishTo(Consumer<AccountState> publisher) {
        synchronized (publishing) {
            this.publisher = Objects.requireNonNull(publisher);
            this.published = current();
        }
    }

    /** An attempt begins; the previous attempt's problem stays visible until the account is online. */
    void connecting() {
        change(s -> s.state() == ConnectionState.CONNECTING ? s
                : new AccountState(ConnectionState.CONNECTING, s.problem(), clock.instant(), Optional.empty(),
                        Optional.empty()));
    }

    void online(String boundJid) {
        change(s -> new AccountState(ConnectionState.ONLINE, Optional.empty(), clock.instant(),
                Optional.of(boundJid), Optional.empty()));
    }

    /** Not connected because of {@code problem}; the next attempt is due at {@code nextAttempt}, if any. */
    void offline(AccountProblem problem, Optional<Instant> nextAttempt) {
        change(s -> new AccountState(ConnectionState.OFFLINE, Optional.of(problem), clock.instant(),
                Optional.empty(), nextAttempt));
    }

    /** Not connected, and no attempt is made any more. */
    void failed(AccountProblem problem) {
        change(s -> new AccountState(ConnectionState.FAILED, Optional.of(problem), clock.instant(),
                Optional.empty(), Optional.empty()));
    }

    /** The session ended: nothing is published any more. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        synchronized (publishing) {
            publisher = null;
        }
    }

    private void change(java.util.function.UnaryOperator<AccountState> transition) {
        synchronized (this) {
            if (closed || state.state() == ConnectionState.FAILED) {
                return;
            }
            AccountState next = transition.apply(state);
            if (next.equals(state)) {
                return;
            }
            state = next;
        }
        publish();
    }

    private void publish() {
        synchronized (publishing) {
            AccountState latest = current();
            if (publisher == null || latest.equals(published)) {
                return;
            }
            published = latest;
            publisher.accept(latest);
        }
    }
}
