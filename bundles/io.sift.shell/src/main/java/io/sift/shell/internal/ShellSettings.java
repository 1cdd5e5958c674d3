package io.sift.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sift.shell.text.Printable;

/** A shell configuration that passed validation. */
record ShellSettings(boolean askOffers, Duration askTimeout, TimeoutAction timeoutAction) {

    /** What an unanswered offer turns into. */
    enum TimeoutAction { DECLINE, PASS }

    static final int MAX_TIMEOUT_SECONDS = 24 * 3600;

    record Validation(Optional<ShellSettings> settings, List<String> problems) {
    }

    /** Checks every field and reports all problems at once; never throws (DS hands over raw strings). */
    static Validation validate(ShellConfig config) {
        List<String> problems = new ArrayList<>();
        boolean ask = false;
        try {
            ask = config.askOffers();
        } catch (RuntimeException e) {
            problems.add("askOffers: not true or false");
        }
        int seconds = 0;
        try {
            seconds = config.askTimeoutSeconds();
            if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
                problems.add("askTimeoutSeconds: " + seconds + " is not between 1 and " + MAX_TIMEOUT_SECONDS);
            }
        } catch (RuntimeException e) {
            problems.add("askTimeoutSeconds: not a number");
        }
        TimeoutAction action = null;
        try {
            String raw = config.askTimeoutAction();
            if (raw != null) {
                try {
                    action = TimeoutAction.valueOf(raw.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    action = null;
                }
            }
            if (action == null) {
                problems.add("askTimeoutAction: '" + Printable.of(raw) + "' is not one of DECLINE, PASS");
            }
        } catch (RuntimeException e) {
            problems.add("askTimeoutAction: missing or unreadable");
        }
        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), List.copyOf(problems));
        }
        return new Validation(Optional.of(new ShellSettings(ask, Duration.ofSeconds(seconds), action)), List.of());
    }
}
