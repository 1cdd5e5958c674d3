package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sift.api.FailureReason;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.ByteStream;
import io.sift.spi.StreamException;

/** Sends one file: offer, open the chosen stream, copy, close. Runs on a transfer worker thread. */
final class OutgoingTransfer implements Runnable {

    /** Bytes handed to the stream per call; progress is counted at this grain. */
    private static final long CHUNK = 1024 * 1024;

    private final TransferRecord record;
    private final Path file;
    private final long size;
    private final SendOptions options;
    private final TransferHub hub;
    /** The part of the file the receiver asked for; set by the negotiation. */
    private FileElement.Range range;

    OutgoingTransfer(TransferRecord record, Path file, long size, SendOptions options, TransferHub hub) {
        this.record = record;
        this.file = file;
        this.size = size;
        this.options = options;
        this.hub = hub;
    }

    @Override
    public void run() {
        try {
            FileElement offer = describe();
            ByteStream stream = negotiateAndOpen(offer);
            if (stream == null) {
                return;
            }
            record.onCancel(stream::abort);
            if (!record.started(stream.method())) {
                return;
            }
            try {
                copy(range, stream.out());
            } catch (LocalFileException | StreamException e) {
                throw e;
            } catch (IOException e) {
                throw stream.explain(e);
            }
            stream.close();
            record.completed(file);
        } catch (NegotiationException e) {
            failNegotiation(e);
        } catch (StreamException e) {
            StreamFailures.record(record, e);
        } catch (FileElement.Malformed e) {
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "the receiver's answer is malformed: " + e.getMessage());
        } catch (LocalFileException e) {
            record.failAndUndo(FailureReason.LOCAL_IO, e.getMessage());
        } catch (IOException e) {
            record.failAndUndo(FailureReason.STREAM_FAILED, "the bytestream broke: " + e.getMessage());
        } catch (InterruptedException e) {
            // cancelled (the record already says so) or shutting down
            record.failAndUndo(FailureReason.SHUTDOWN, "interrupted");
        } catch (RuntimeException e) {
            hub.log.error("Transfer {} failed unexpectedly: {}", record.id(), e.toString());
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "unexpected error: " + e);
        }
    }

    /**
     * Offers the file and opens the stream the receiver chose. When the stream cannot be opened (e.g.
     * no SOCKS5 streamhost worked for the receiver) and fallback is allowed, the file is offered again,
     * as a new offer, with the methods not tried yet: standard peers accept that.
     *
     * @return the open stream, or null if the transfer ended meanwhile
     */
    private ByteStream negotiateAndOpen(FileElement offer) throws NegotiationException, InterruptedException,
            IOException, FileElement.Malformed {
        List<String> remaining = new ArrayList<>(options.methods().isEmpty()
                ? hub.initiator.availableMethods() : options.methods());
        Set<String> retried = new HashSet<>();
        while (true) {
            NegotiatedStream negotiated = hub.initiator.offer(new StreamOffer(record.account(), record.peer(),
                    FileElement.NAMESPACE, FileElement.MIME_TYPE, offer.toElement(), remaining,
                    options.answerTimeout()));
            if (!record.negotiating(negotiated.session().target())) {
                return null;
            }
            range = FileElement.Range.fromAnswer(negotiated.answerPayload(), size);
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

    private FileElement describe() throws LocalFileException {
        try {
            long hashLimit = hub.settings().hashLimitBytes();
            Optional<String> md5 = hashLimit > 0 && size <= hashLimit ? Optional.of(Md5.of(file)) : Optional.empty();
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return new FileElement(record.fileName(), size, md5, Optional.of(modified), options.description(), true);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void copy(FileElement.Range range, WritableByteChannel out) throws IOException {
        FileChannel source;
        try {
            source = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileException("cannot open " + file + ": " + e.getMessage());
        }
        try (source) {
            long position = range.offset();
            long end = range.offset() + range.length();
            while (position < end) {
                long sent = source.transferTo(position, Math.min(CHUNK, end - position), out);
                if (sent <= 0 && source.size() < end) {
                    throw new LocalFileException(file + " shrank to " + source.size() + " bytes while being sent");
                }
                position += sent;
                record.addBytes(sent);
            }
        }
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
        }
    }

    private String methodsNote() {
        return options.methods().isEmpty() ? ""
                : " (allowed: " + String.join(", ", options.methods().stream().map(StreamMethods::shortName).toList())
                        + ")";
    }
}
