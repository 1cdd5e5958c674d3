package io.sift.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What an {@link OfferHandler} decides about an offer. */
public final class OfferDecision {

    private enum Kind { ACCEPT, DECLINE, PASS }

    private static final OfferDecision DECLINE = new OfferDecision(Kind.DECLINE, null, null);
    private static final OfferDecision PASS = new OfferDecision(Kind.PASS, null, null);

    private final Kind kind;
    private final Path directory;
    private final String reason;

    private OfferDecision(Kind kind, Path directory, String reason) {
        this.kind = kind;
        this.directory = directory;
        this.reason = reason;
    }

    /** Receive the file into this directory, under the offer's safe file name (made unique if taken). */
    public static OfferDecision acceptInto(Path directory) {
        return new OfferDecision(Kind.ACCEPT, Objects.requireNonNull(directory, "directory"), null);
    }

    /** Refuse the file; the sender sees {@link TransferState#DECLINED}. */
    public static OfferDecision decline() {
        return DECLINE;
    }

    /** Refuse the file, with a text for the sender. */
    public static OfferDecision decline(String reason) {
        return new OfferDecision(Kind.DECLINE, null, reason);
    }

    /** No opinion: the next handler (by service ranking), or the configured policy, decides. */
    public static OfferDecision pass() {
        return PASS;
    }

    public boolean isAccept() {
        return kind == Kind.ACCEPT;
    }

    public boolean isDecline() {
        return kind == Kind.DECLINE;
    }

    public boolean isPass() {
        return kind == Kind.PASS;
    }

    /** The target directory of an accept. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The text of a decline, if given. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ACCEPT -> "accept into " + directory;
            case DECLINE -> "decline" + (reason == null ? "" : " (" + reason + ")");
            case PASS -> "pass";
        };
    }
}
