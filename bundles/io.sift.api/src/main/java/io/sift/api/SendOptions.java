package io.sift.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to send one file. Immutable; start from {@link #defaults()} and change what you need.
 *
 * <pre>{@code
 * service.send("bob@example.org", file, SendOptions.defaults().withDescription("minutes").withMethods(List.of(StreamMethods.IBB)));
 * }</pre>
 */
public final class SendOptions {

    private static final SendOptions DEFAULTS =
            new SendOptions(null, List.of(), true, Duration.ofMinutes(2), null);

    private final String description;
    private final List<String> methods;
    private final boolean fallback;
    private final Duration answerTimeout;
    private final String fileName;

    private SendOptions(String description, List<String> methods, boolean fallback, Duration answerTimeout,
            String fileName) {
        this.description = description;
        this.methods = List.copyOf(methods);
        this.fallback = fallback;
        this.answerTimeout = answerTimeout;
        this.fileName = fileName;
    }

    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /** A short text shown to the receiver with the offer. */
    public SendOptions withDescription(String text) {
        return new SendOptions(text, methods, fallback, answerTimeout, fileName);
    }

    /**
     * The stream methods (namespaces, see {@link StreamMethods}) this transfer may use, in order of
     * preference. Empty (the default): every method registered, in their own priority order.
     */
    public SendOptions withMethods(List<String> namespaces) {
        return new SendOptions(description, Objects.requireNonNull(namespaces), fallback, answerTimeout, fileName);
    }

    /** Whether a failed bytestream may be retried over the next allowed method (default true). */
    public SendOptions withFallback(boolean allowed) {
        return new SendOptions(description, methods, allowed, answerTimeout, fileName);
    }

    /** How long to wait for the receiver to accept or decline (default 2 minutes: a person may decide). */
    public SendOptions withAnswerTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("answer timeout must be positive: " + timeout);
        }
        return new SendOptions(description, methods, fallback, timeout, fileName);
    }

    /** The name the receiver sees; default: the file's own name (or the {@link FileSource}'s). */
    public SendOptions withFileName(String name) {
        return new SendOptions(description, methods, fallback, answerTimeout, name);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public List<String> methods() {
        return methods;
    }

    public boolean fallback() {
        return fallback;
    }

    public Duration answerTimeout() {
        return answerTimeout;
    }

    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    @Override
    public String toString() {
        return "SendOptions[methods=" + methods + ", fallback=" + fallback + ", answerTimeout=" + answerTimeout
                + (description == null ? "" : ", description=" + description) + "]";
    }
}
