package io.sift.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured account's state at one moment (later changes do not show here).
 *
 * @param state where the account stands with its server
 * @param problem why it is {@link ConnectionState#OFFLINE} or {@link ConnectionState#FAILED}; while
 *        {@link ConnectionState#CONNECTING} again, what made the previous attempt fail; empty when
 *        {@link ConnectionState#ONLINE} and before any attempt failed
 * @param since when the account entered this state
 * @param boundJid the full JID of the session while {@link ConnectionState#ONLINE}
 * @param nextAttempt when {@link ConnectionState#OFFLINE}: when the next attempt is due; empty when
 *        none is scheduled
 * @since 1.2
 */
public record AccountState(ConnectionState state, Optional<AccountProblem> problem, Instant since,
        Optional<String> boundJid, Optional<Instant> nextAttempt) {

    public AccountState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(boundJid, "boundJid");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    // written out: a record's generated equals and hashCode link through invokedynamic on their
    // first call, several milliseconds each in a fresh process, which its first login would pay
    @Override
    public boolean equals(Object other) {
        return other instanceof AccountState o && state.equals(o.state) && problem.equals(o.problem)
                && since.equals(o.since) && boundJid.equals(o.boundJid) && nextAttempt.equals(o.nextAttempt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, problem, since, boundJid, nextAttempt);
    }
}
