package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.sift.common.Printable;

/** A configuration of the in-band method that passed validation. */
record IbbSettings(
        int blockSize,
        int window,
        DataStanza stanza,
        int maxBlockSize,
        long openTimeoutMillis,
        long ackTimeoutMillis,
        long closeTimeoutMillis,
        int priority,
        boolean adaptiveBlockSize) {

    static final int MAX_WINDOW = 1024;

    /** The same settings with a window of one: every block waits for the previous one's acknowledgement. */
    IbbSettings stopAndWait() {
        return new IbbSettings(blockSize, 1, stanza, maxBlockSize, openTimeoutMillis, ackTimeoutMillis,
                closeTimeoutMillis, priority, adaptiveBlockSize);
    }

    /** The outcome of validating a configuration: settings, or every problem found. */
    record Validation(Optional<IbbSettings> settings, List<String> problems) {
        boolean isValid() {
            return settings.isPresent();
        }
    }

    /**
     * Checks every field and reports all problems at once. Never throws: DS hands over raw strings,
     * and a value it cannot convert must become a problem, not an exception on the framework's thread.
     */
    static Validation validate(IbbConfig config) {
        List<String> problems = new ArrayList<>();
        int blockSize = intInRange(problems, "blockSize", config::blockSize, 1, Ibb.MAX_BLOCK_SIZE);
        int window = intInRange(problems, "window", config::window, 1, MAX_WINDOW);
        int maxBlockSize = intInRange(problems, "maxBlockSize", config::maxBlockSize, 1, Ibb.MAX_BLOCK_SIZE);
        long openTimeout = positiveMillis(problems, "openTimeoutMillis", config::openTimeoutMillis);
        long ackTimeout = positiveMillis(problems, "ackTimeoutMillis", config::ackTimeoutMillis);
        long closeTimeout = positiveMillis(problems, "closeTimeoutMillis", config::closeTimeoutMillis);

        DataStanza stanza = null;
        try {
            String raw = config.stanza();
            stanza = raw == null ? null : switch (raw.strip().toUpperCase(Locale.ROOT)) {
                case "IQ" -> DataStanza.IQ;
                case "MESSAGE" -> DataStanza.MESSAGE;
                default -> null;
            };
            if (stanza == null) {
                problems.add("stanza: '" + Printable.of(raw) + "' is not one of IQ, MESSAGE");
            }
        } catch (RuntimeException e) {
            problems.add("stanza: missing or unreadable");
        }

        int priority = 0;
        try {
            priority = config.priority();
        } catch (RuntimeException e) {
            problems.add("priority: not a number");
        }

        boolean adaptive = true;
        try {
            adaptive = config.adaptiveBlockSize();
        } catch (RuntimeException e) {
            problems.add("adaptiveBlockSize: not true or false");
        }

        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), List.copyOf(problems));
        }
        return new Validation(Optional.of(new IbbSettings(blockSize, window, stanza, maxBlockSize,
                openTimeout, ackTimeout, closeTimeout, priority, adaptive)), List.of());
    }

    private static int intInRange(List<String> problems, String field, IntSupplier value, int min, int max) {
        try {
            int v = value.getAsInt();
            if (v < min || v > max) {
                problems.add(field + ": " + v + " is out of range (" + min + "-" + max + ")");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": not a number");
            return 0;
        }
    }

    private static long positiveMillis(List<String> problems, String field, LongSupplier value) {
        try {
            long v = value.getAsLong();
            if (v < 1) {
                problems.add(field + ": " + v + " is below the minimum of 1");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": not a number");
            return 0;
        }
    }
}
