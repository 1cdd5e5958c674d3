package io.sift.filetransfer.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sift.api.FailureReason;
import io.sift.api.FileSource;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.ResolvedPeer;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.ByteStream;
import io.sift.spi.StreamException;

/**
 * Sends one file (a local file or any {@link FileSource}): offer, open the chosen stream, copy, close,
 * and learn what the receiver got. Runs on a transfer worker thread.
 *
 * <p>A receiver that announces {@link FileCheck} gets the SHA-256 after the data (read while the
 * offer waits for its answer and the bytes move, so they start at once) and says whether it stored
 * the file intact: only then is the transfer {@link io.sift.api.TransferState#COMPLETED}. Any other
 * receiver gets the MD5 in the offer (XEP-0096) and, since it cannot confirm, the transfer ends
 * {@link io.sift.api.TransferState#SENT}.
 */
final class OutgoingTransfer implements Runnable {

    /** After the stream broke, how long to wait for the receiver to say why (it may be gone). */
    private static final Duration REASON_WAIT = Duration.ofSeconds(5);

    private final TransferRecord record;
    private final FileSource source;
    private final OutgoingContent content;
    private final long size;
    private final SendOptions options;
    private final TransferHub hub;
    private final CheckLink checks;
    /** The part of the file the receiver asked for; set by the negotiation. */
    private FileElement.Range range;
    /** Whether the receiver said it will check the SHA-256 sent after the data; set by the negotiation. */
    private boolean receiverChecks;

    /** @param size the source's size, as it was announced when the transfer was made */
    OutgoingTransfer(TransferRecord record, FileSource source, long size, SendOptions options, TransferHub hub,
            CheckLink checks) {
        this.record = record;
        this.source = source;
        this.content = OutgoingContent.of(source, size, hub);
        this.size = size;
        this.options = options;
        this.hub = hub;
        this.checks = checks;
    }

    @Override
    public void run() {
        if (record.state().isFinal()) {
            return; // cancelled while it waited for a worker
        }
        try {
            ResolvedPeer peer = hub.initiator.resolve(record.account(), record.peer(), FileElement.NAMESPACE);
            boolean peerChecks = peer.features().contains(FileCheck.NAMESPACE);
            FileElement offer = describe(peerChecks);
            content.hashAhead();
            List<String> methods = options.methods().isEmpty() ? hub.initiator.availableMethods() : options.methods();
            boolean offeredAgain = false;
            ByteStream stream;
            OutgoingContent.Pass pass;
            while (true) {
                stream = negotiateAndOpen(offer, peer, methods);
                if (stream == null) {
                    return;
                }
                record.onCancel(stream::abort);
                if (!record.started(stream.method())) {
                    return;
                }
                // the SHA-256 is computed beside the copy (or comes from the cache): the bytes need not wait for it
                pass = content.pass(range);
                try {
                    copy(stream, pass);
                    break;
                } catch (StreamException e) {
                    if (e.retryable() && !offeredAgain && !record.state().isFinal()) {
                        // the method learned how to avoid this (e.g. one in-band block at a time): once more over it
                        offeredAgain = true;
                        methods = List.of(stream.method());
                        if (offerAgain(stream, e)) {
                            continue;
                        }
                        return;
                    }
                    failWithReceiversReason(stream, e);
                    return;
                }
            }
            // from here on the close and the verdict tell what became of the bytes, not the peer's presence
            record.allBytesMoved();
            StreamException closeFailure = close(stream);
            String sent = pass.sha256();
            if (!receiverChecks) {
                if (closeFailure != null) {
                    throw closeFailure;
                }
                record.sent(sent);
                return;
            }
            // asked with the hash even if the close failed: the receiver may well have every byte
            CheckVerdict verdict = checks.ask(stream.session().target(), stream.session().sid(), Optional.of(sent),
                    hub.settings().idleTimeout());
            if (verdict instanceof CheckVerdict.Unanswered && closeFailure != null) {
                throw closeFailure;
            }
            conclude(verdict, sent);
        } catch (NegotiationException e) {
            failNegotiation(e);
        } catch (StreamException e) {
            StreamFailures.record(record, e);
        } catch (FileElement.Malformed e) {
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "the receiver's answer is malformed: " + e.getMessage());
        } catch (LocalFileException e) {
            // the stream, if one is open, is aborted: a receiver never takes a short or long source for whole
            record.failAndUndo(e.reason(), e.getMessage());
        } catch (IOException e) {
            record.failAndUndo(FailureReason.STREAM_FAILED, "the bytestream broke: " + e.getMessage());
        } catch (InterruptedException e) {
            // cancelled (the record already says so) or shutting down
            record.failAndUndo(FailureReason.SHUTDOWN, "interrupted");
        } catch (RuntimeException e) {
            hub.log.error("Transfer {} failed unexpectedly: {}", record.id(), e.toString());
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "unexpected error: " + e);
        } finally {
            // a declined or failed offer leaves no hash reading on
            content.release();
        }
    }

    /** Copies the range the receiver asked for into the stream; a pass that fails is abandoned. */
    private void copy(ByteStream stream, OutgoingContent.Pass pass) throws IOException, InterruptedException {
        boolean copied = false;
        try {
            pass.copy(stream.out(), record);
            copied = true;
        } catch (LocalFileException | StreamException e) {
            throw e;
        } catch (IOException e) {
            throw stream.explain(e);
        } finally {
            if (!copied) {
                pass.abandon();
            }
        }
    }

    /** Closes the stream as its protocol says; what went wrong, if anything. */
    private static StreamException close(ByteStream stream) {
        try {
            stream.close();
            return null;
        } catch (IOException e) {
            return stream.explain(e);
        }
    }

    /** What the receiver said of the file decides the outcome; no answer leaves it at "sent". */
    private void conclude(CheckVerdict verdict, String sent) {
        if (verdict instanceof CheckVerdict.Confirmed) {
            record.completed(null, sent, true); // the record names the source's file already, if it is one
        } else if (verdict instanceof CheckVerdict.Refused refused) {
            fail(refused);
        } else {
            hub.log.info("Transfer {}: every byte was sent, but the receiver did not confirm it: {}", record.id(),
                    ((CheckVerdict.Unanswered) verdict).why());
            record.sent(sent);
        }
    }

    /**
     * The receiver's reason, as far as it holds for the sender: what was wrong with the file (hash,
     * size, its disk) is said as it is; the receiver's own circumstances (it went offline, timed out)
     * are a broken stream from here, with the receiver's words.
     */
    private void fail(CheckVerdict.Refused refused) {
        if (refused.cancelled()) {
            record.cancelledByPeer();
            return;
        }
        FailureReason reason = switch (refused.reason()) {
            case HASH_MISMATCH, SIZE_MISMATCH, LOCAL_IO -> refused.reason();
            default -> FailureReason.STREAM_FAILED;
        };
        record.failAndUndo(reason, "the receiver reports: " + refused.message());
    }

    /**
     * The stream broke while sending. Unless the cause is here (the method stopped, the account went
     * offline), a receiver that checks knows why (its disk is full, it cancelled): ask it, briefly,
     * and report its reason rather than the bare broken stream. If it gives none, it did not cancel
     * (it would have said so): a stream it closed is a failure then.
     */
    private void failWithReceiversReason(ByteStream stream, StreamException broken) throws InterruptedException {
        boolean causeIsHere = broken.kind() == StreamException.Kind.METHOD_GONE
                || broken.kind() == StreamException.Kind.OFFLINE;
        if (!receiverChecks || causeIsHere || record.state().isFinal()) {
            StreamFailures.record(record, broken);
            return;
        }
        CheckVerdict verdict = checks.ask(stream.session().target(), stream.session().sid(), Optional.empty(),
                REASON_WAIT);
        if (verdict instanceof CheckVerdict.Refused refused) {
            fail(refused);
        } else if (broken.kind() == StreamException.Kind.CLOSED_BY_PEER) {
            record.failAndUndo(FailureReason.STREAM_FAILED, "the receiver closed the stream without a reason ("
                    + ((CheckVerdict.Unanswered) verdict).why() + ")");
        } else {
            StreamFailures.record(record, broken);
        }
    }

    /**
     * The stream broke in a way its method says a new session avoids: the file is offered again over
     * that method, whether or not fallback is allowed (it is the same method). A receiver that kept
     * what arrived (SIFT) asks only for the rest; the progress counts what moves over the new stream.
     *
     * @return false if the transfer ended meanwhile
     */
    private boolean offerAgain(ByteStream broken, StreamException e) {
        broken.abort();
        hub.log.info("Transfer {}: the {} stream broke ({}); offering {} again over it.", record.id(),
                StreamMethods.shortName(broken.method()), e.getMessage(), record.fileName());
        return record.fallingBack(broken.method());
    }

    /**
     * Offers the file and opens the stream the receiver chose. When the stream cannot be opened (e.g.
     * no SOCKS5 streamhost worked for the receiver) and fallback is allowed, the file is offered again,
     * as a new offer, with the methods not tried yet: standard peers accept that. An empty file is
     * offered over in-band bytestreams alone first, when they are allowed ({@link OfferedMethods}).
     *
     * @param methods the methods to offer
     *
     * @return the open stream, or null if the transfer ended meanwhile
     */
    private ByteStream negotiateAndOpen(FileElement offer, ResolvedPeer peer, List<String> methods)
            throws NegotiationException, InterruptedException, IOException, FileElement.Malformed {
        List<String> remaining = new ArrayList<>(methods);
        Set<String> retried = new HashSet<>();
        while (true) {
            List<String> offered = OfferedMethods.toOffer(remaining, size, hub.initiator.availableMethods(),
                    peer.features());
            NegotiatedStream negotiated = offerUntilTaken(new StreamOffer(record.account(), peer.jid(),
                    FileElement.NAMESPACE, source.mimeType().orElse(FileElement.MIME_TYPE), offer.toElement(), offered,
                    options.answerTimeout()));
            if (negotiated == null || !record.negotiating(negotiated.session().target())) {
                return null;
            }
            range = FileElement.Range.fromAnswer(negotiated.answerPayload(), size);
            record.resumedFrom(range.offset());
            receiverChecks = offer.checkAfter() && negotiated.answerPayload().map(FileCheck::marked).orElse(false);
            String method = negotiated.method().namespace();
            try {
                return negotiated.method().open(negotiated.session());
            } catch (StreamException e) {
                if (e.retryable() && options.fallback() && retried.add(method)) {
                    // the method learned from the refusal (e.g. the peer's largest block): one new session
                    hub.log.info("Transfer {}: {} refused ({}); offering {} again over it.", record.id(),
                            StreamMethods.shortName(method), e.getMessage(), record.fileName());
                    if (!record.fallingBack(method)) {
                        return null;
                    }
                    continue;
                }
                boolean wasOffered = remaining.remove(method);
                boolean canFallBack = options.fallback() && wasOffered && !remaining.isEmpty()
                        && (e.kind() == StreamException.Kind.REFUSED || e.kind() == StreamException.Kind.TIMEOUT);
                if (!canFallBack) {
                    throw e;
                }
                hub.log.info("Transfer {}: {} failed ({}); offering {} again over {}.", record.id(),
                        StreamMethods.shortName(method), e.getMessage(), record.fileName(),
                        remaining.stream().map(StreamMethods::shortName).toList());
                if (!record.fallingBack(method)) {
                    return null;
                }
            }
        }
    }

    /**
     * Makes the offer, and makes it again while the receiver answers that it is busy with other offers
     * of this account (see {@link BusyReceiverPauses}).
     *
     * @return the answer, or null if the transfer ended (was cancelled) meanwhile
     */
    private NegotiatedStream offerUntilTaken(StreamOffer offer) throws NegotiationException, InterruptedException {
        BusyReceiverPauses pauses = null;
        while (true) {
            long endsBefore = endsOfAccount();
            try {
                return hub.initiator.offer(offer);
            } catch (NegotiationException e) {
                if (e.kind() != NegotiationException.Kind.BUSY) {
                    throw e;
                }
                if (pauses == null) {
                    pauses = new BusyReceiverPauses(options.answerTimeout(), System::nanoTime);
                }
                Optional<Duration> pause = pauses.next();
                if (pause.isEmpty()) {
                    throw new NegotiationException(NegotiationException.Kind.TIMEOUT, e.getMessage() + " for "
                            + options.answerTimeout().toSeconds() + " s: the offer was not taken");
                }
                hub.log.debug("Transfer {}: {}; offering it again in {} ms.", record.id(), e.getMessage(),
                        pause.get().toMillis());
                if (endsWithin(pause.get(), endsBefore)) {
                    return null;
                }
                // else: the pause passed, or another transfer of this account ended and freed a place
            }
        }
    }

    /**
     * Waits {@code pause}, or less if this transfer ends (is cancelled) or another one of the account
     * has ended since the refused offer was sent (the receiver may have room now; one that ended while
     * the offer was on its way counts too, or it would wait out the pause for nothing); whether this one
     * ended.
     */
    private boolean endsWithin(Duration pause, long endsBeforeTheOffer) throws InterruptedException {
        CompletableFuture<?> ownEnd = record.completion().toCompletableFuture();
        CompletableFuture<?> anotherEnd = hub.account(record.account()).map(a -> a.endAfter(endsBeforeTheOffer))
                .orElseGet(CompletableFuture::new);
        try {
            CompletableFuture.anyOf(ownEnd, anotherEnd).get(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // the pause passed, or one of them ended anyhow: what matters is whether this one did
        }
        return ownEnd.isDone();
    }

    private long endsOfAccount() {
        return hub.account(record.account()).map(AccountFileTransfers::ends).orElse(0L);
    }

    /**
     * The offer: to a receiver that checks, the promise of a SHA-256 after the data; to any other, the
     * MD5 (read first, or kept from an earlier send of the unchanged file) up to the configured size.
     */
    private FileElement describe(boolean peerChecks) throws LocalFileException, InterruptedException {
        content.checkBeforeOffer();
        long md5Limit = hub.settings().hashLimitBytes();
        Optional<String> md5 = !peerChecks && md5Limit > 0 && size <= md5Limit
                ? Optional.of(content.md5()) : Optional.empty();
        return new FileElement(record.fileName(), size, md5, source.lastModified(), options.description(), true,
                peerChecks);
    }

    private void failNegotiation(NegotiationException e) {
        switch (e.kind()) {
            case DECLINED -> record.declined();
            case NO_VALID_STREAMS, NO_COMMON_METHOD -> record.failed(FailureReason.NO_COMMON_METHOD,
                    e.getMessage() + methodsNote());
            case NOT_SUPPORTED -> record.failed(FailureReason.NOT_SUPPORTED, e.getMessage());
            case PEER_UNAVAILABLE -> record.failed(FailureReason.PEER_UNAVAILABLE, e.getMessage());
            case TIMEOUT -> record.failed(FailureReason.TIMEOUT, e.getMessage());
            case ACCOUNT_OFFLINE -> record.failed(FailureReason.ACCOUNT_OFFLINE, e.getMessage());
            case PROTOCOL_ERROR -> record.failed(FailureReason.PROTOCOL_ERROR, e.getMessage());
            case BUSY -> record.failed(FailureReason.TIMEOUT, e.getMessage()); // offered again until the patience ran out
        }
    }

    private String methodsNote() {
        return options.methods().isEmpty() ? ""
                : " (allowed: " + String.join(", ", options.methods().stream().map(StreamMethods::shortName).toList())
                        + ")";
    }
}
