package io.sift.eclipse.internal;

import java.util.Locale;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferFailure;

/** How a finished transfer is told to a person: a title, and a sentence that says what happened and why. */
public final class Outcomes {

    private Outcomes() {
    }

    /** Whether the transfer ended the way the person wanted (the file is there, or was sent). */
    public static boolean succeeded(Transfer transfer) {
        return switch (transfer.state()) {
            case COMPLETED, SENT -> true;
            default -> false;
        };
    }

    /** E.g. {@code report.pdf sent to bob@example.org} or {@code report.pdf not sent}. */
    public static String title(Transfer transfer) {
        boolean outgoing = transfer.direction() == Direction.OUTGOING;
        if (succeeded(transfer)) {
            return transfer.fileName() + (outgoing ? " sent to " : " received from ") + bare(transfer.peer());
        }
        return transfer.fileName() + (outgoing ? " not sent" : " not received");
    }

    /** The whole story in words, with the SHA-256 when every byte moved. */
    public static String describe(Transfer transfer) {
        String peer = bare(transfer.peer());
        boolean outgoing = transfer.direction() == Direction.OUTGOING;
        String method = transfer.streamMethod().map(m -> " over " + StreamMethods.shortName(m)).orElse("");
        String sha = transfer.sha256().map(h -> "\nSHA-256: " + h).orElse("");
        return switch (transfer.state()) {
            case COMPLETED -> outgoing
                    ? peer + " received " + transfer.fileName() + " (" + Sizes.bytes(transfer.size()) + method
                            + ") and confirmed that its copy matches." + sha
                    : transfer.fileName() + " (" + Sizes.bytes(transfer.size()) + method + ") arrived from " + peer
                            + (transfer.verified() ? " and matches the sender's hash." : "; the sender gave no hash, its size was checked.")
                            + sha;
            case SENT -> "Every byte of " + transfer.fileName() + " went to " + peer + method
                    + ", but the receiver's software cannot confirm that it stored the file intact." + sha;
            case DECLINED -> outgoing ? peer + " declined " + transfer.fileName() + "."
                    : "You declined " + transfer.fileName() + ".";
            case CANCELLED -> "The transfer of " + transfer.fileName() + " was cancelled after "
                    + Sizes.bytes(transfer.bytesTransferred()) + " of " + Sizes.bytes(transfer.size()) + ".";
            case FAILED -> transfer.fileName() + ": " + transfer.failure().map(f -> failure(f, peer)).orElse("failed.");
            default -> transfer.fileName() + " is still under way.";
        };
    }

    /** A failure in words: what it means first, then SIFT's own message. */
    public static String failure(TransferFailure failure, String peer) {
        String meaning = meaning(failure.reason(), peer);
        return meaning + " (" + failure.message() + ")";
    }

    private static String meaning(FailureReason reason, String peer) {
        return switch (reason) {
            case ACCOUNT_OFFLINE -> "your account is offline";
            case PEER_UNAVAILABLE -> peer + " is offline or did not answer";
            case NOT_SUPPORTED -> peer + "'s client cannot receive files this way";
            case NO_COMMON_METHOD -> "there is no transfer method both sides support";
            case PROTOCOL_ERROR -> peer + "'s client or the server refused the transfer";
            case STREAM_FAILED -> "the connection that carried the data broke";
            case STREAM_METHOD_GONE -> "the transfer method was removed while the file moved";
            case TIMEOUT -> "nothing happened for too long";
            case SIZE_MISMATCH -> "the size of what arrived differs from the file's";
            case HASH_MISMATCH -> "the copy that arrived is corrupt (its hash differs)";
            case LOCAL_IO -> "a local file could not be read or written";
            case BAD_OFFER -> "the offer was not acceptable";
            case SHUTDOWN -> "SIFT is shutting down";
        };
    }

    static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** {@code socks5}, {@code ibb}, or {@code -} before a method was chosen. */
    public static String method(Transfer transfer) {
        return transfer.streamMethod().map(StreamMethods::shortName).orElse("-").toLowerCase(Locale.ROOT);
    }
}
