package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sift.api.FailureReason;
import io.sift.api.OfferDecision;
import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;

/**
 * Receives one offered file: decide, accept, wait for the stream, write {@code <name>.part}, verify
 * size and hash, then move it to its final name. The final name never appears unless every byte
 * arrived and checked out; on any other outcome the partial file is deleted.
 */
final class IncomingTransfer implements Runnable {

    private static final int BUFFER = 256 * 1024;
    /** Buffers between the copy and the hasher: enough that neither waits for the other's bursts. */
    private static final int BUFFERS = 8;
    private static final Duration PREDECESSOR_WAIT = Duration.ofSeconds(5);

    private final TransferRecord record;
    private final IncomingStreamOffer offer;
    private final FileElement file;
    private final OfferView view;
    private final TransferHub hub;
    private final List<CompletableFuture<Void>> predecessors;

    IncomingTransfer(TransferRecord record, IncomingStreamOffer offer, FileElement file, OfferView view,
            TransferHub hub) {
        this(record, offer, file, view, hub, List.of());
    }

    /** @param predecessors the workers of earlier offers of the same file that this one supersedes */
    IncomingTransfer(TransferRecord record, IncomingStreamOffer offer, FileElement file, OfferView view,
            TransferHub hub, List<CompletableFuture<Void>> predecessors) {
        this.predecessors = List.copyOf(predecessors);
        this.record = record;
        this.offer = offer;
        this.file = file;
        this.view = view;
        this.hub = hub;
    }

    @Override
    public void run() {
        try {
            receive();
        } finally {
            record.workFinished();
        }
    }

    private void receive() {
        awaitPredecessors();
        OfferDecision decision = hub.decider.decide(view);
        if (record.state().isFinal()) {
            return; // cancelled while deciding: the cancel declined the offer
        }
        if (!decision.isAccept()) {
            offer.decline(decision.reason().orElse(null));
            record.declined();
            return;
        }
        Path target = null;
        ByteStream stream = null;
        CheckInbox.Expected check = null;
        try {
            Path directory = decision.directory().orElseThrow();
            target = reserve(directory);
            if (record.state().isFinal()) {
                return;
            }
            check = expectChecksum();
            PendingStream pending = offer.accept(check == null ? Optional.empty() : Optional.of(FileCheck.answer()));
            record.onCancel(pending::cancel);
            if (!record.negotiating(view.peer())) {
                return;
            }
            stream = pending.await(hub.settings().streamOpenTimeout());
            record.onCancel(stream::abort);
            if (!record.started(stream.method())) {
                return;
            }
            ContentHashes written = receive(stream.in(), SafeFileNames.partOf(target));
            boolean verified = verify(written, check);
            stream.close();
            Path stored = moveIntoPlace(SafeFileNames.partOf(target), target);
            record.completed(stored, written.sha256(), verified);
        } catch (NegotiationException e) {
            record.failAndUndo(e.kind() == NegotiationException.Kind.ACCOUNT_OFFLINE
                    ? FailureReason.ACCOUNT_OFFLINE : FailureReason.PROTOCOL_ERROR, e.getMessage());
        } catch (StreamException e) {
            StreamFailures.record(record, e);
        } catch (IncompleteException e) {
            if (e.early) {
                record.cancelledByPeer();
            } else {
                record.failAndUndo(FailureReason.SIZE_MISMATCH, e.getMessage());
            }
        } catch (HashMismatchException e) {
            record.failAndUndo(FailureReason.HASH_MISMATCH, e.getMessage());
        } catch (LocalFileException e) {
            record.failAndUndo(FailureReason.LOCAL_IO, e.getMessage());
        } catch (IOException e) {
            record.failAndUndo(FailureReason.STREAM_FAILED, "the bytestream broke: " + e.getMessage());
        } catch (InterruptedException e) {
            record.failAndUndo(FailureReason.SHUTDOWN, "interrupted");
        } catch (RuntimeException e) {
            hub.log.error("Transfer {} failed unexpectedly: {}", record.id(), e.toString());
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "unexpected error: " + e);
        } finally {
            if (record.file().isEmpty()) {
                if (stream != null) {
                    stream.abort(); // whatever ended the transfer, the peer must stop sending
                }
                if (target != null) {
                    deleteQuietly(SafeFileNames.partOf(target));
                }
            }
            if (check != null) {
                check.conclude(verdict());
            }
        }
    }

    /** A sender that will send its SHA-256 after the data gets a place to deliver it, before the answer. */
    private CheckInbox.Expected expectChecksum() {
        if (!file.checkAfter()) {
            return null;
        }
        return hub.account(record.account())
                .map(account -> account.checkInbox().expect(offer.session().initiator(), offer.session().sid()))
                .orElse(null);
    }

    /**
     * Checks the content against every hash the sender declared: the MD5 of the offer, the SHA-256
     * sent after the data. Size alone (no hash declared) is reported as unverified, not refused.
     *
     * @return whether a hash was checked
     */
    private boolean verify(ContentHashes written, CheckInbox.Expected check)
            throws HashMismatchException, InterruptedException {
        boolean checked = false;
        if (file.md5().isPresent()) {
            String actual = written.md5().orElseThrow();
            if (!actual.equals(file.md5().get())) {
                throw new HashMismatchException("MD5 of the received bytes is " + actual + ", the sender announced "
                        + file.md5().get());
            }
            checked = true;
        }
        if (check != null) {
            Optional<String> declared;
            try {
                declared = check.awaitChecksum(hub.settings().idleTimeout());
            } catch (TimeoutException e) {
                declared = Optional.empty();
            }
            if (declared.isEmpty()) {
                hub.log.info("Transfer {}: the sender announced a SHA-256 after the data and sent none; {} is checked"
                        + " by its size only.", record.id(), record.fileName());
            } else if (!declared.get().equals(written.sha256())) {
                throw new HashMismatchException("SHA-256 of the received bytes is " + written.sha256()
                        + ", the sender's is " + declared.get());
            } else {
                checked = true;
            }
        }
        return checked;
    }

    /** What the sender is told of this transfer, from its final state. */
    private CheckVerdict verdict() {
        return switch (record.state()) {
            case COMPLETED -> record.verified() ? new CheckVerdict.Confirmed()
                    : new CheckVerdict.Unanswered("stored, but no SHA-256 arrived to check it against");
            case CANCELLED, DECLINED -> new CheckVerdict.Refused(null, "cancelled by the receiver");
            case FAILED -> record.failure()
                    .<CheckVerdict>map(f -> new CheckVerdict.Refused(f.reason(), f.message()))
                    .orElse(new CheckVerdict.Unanswered("failed"));
            default -> new CheckVerdict.Unanswered("the transfer did not end");
        };
    }

    /**
     * Earlier offers of the same file that this offer supersedes (the sender fell back to another
     * stream method) release their partial file first, so this one gets the file's own name.
     */
    private void awaitPredecessors() {
        try {
            CompletableFuture.allOf(predecessors.toArray(CompletableFuture[]::new))
                    .get(PREDECESSOR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            hub.log.debug("Transfer {}: an earlier offer of the same file is still finishing: {}", record.id(),
                    e.toString());
        }
    }

    private Path reserve(Path directory) throws LocalFileException {
        try {
            Files.createDirectories(directory);
            return SafeFileNames.reserve(directory, record.fileName());
        } catch (IOException e) {
            // this answer replaces the decline a cancel would send: an offer is answered once
            record.onCancel(() -> { });
            offer.decline("cannot store the file");
            throw new LocalFileException("cannot create a file in " + directory + ": " + e.getMessage());
        }
    }

    /**
     * Reads the whole stream into the partial file, checking its size, and hashes what was written
     * (SHA-256, and MD5 if the sender announced one) beside the copy.
     */
    private ContentHashes receive(ReadableByteChannel in, Path part) throws IOException, InterruptedException {
        long expected = file.size();
        long total = 0;
        try (FileChannel out = openPart(part);
                HashingPipe hashing = new HashingPipe(file.md5().isPresent(), hub.hashers(), BUFFERS, BUFFER)) {
            while (true) {
                ByteBuffer buffer = hashing.borrow();
                if (in.read(buffer) < 0) {
                    hashing.giveBack(buffer);
                    break;
                }
                buffer.flip();
                int n = buffer.remaining();
                if (n == 0) {
                    hashing.giveBack(buffer);
                    continue;
                }
                if (total + n > expected) {
                    throw new IncompleteException(false, "the sender sent more than the announced " + expected
                            + " bytes");
                }
                write(out, buffer.duplicate(), part);
                hashing.hash(buffer);
                total += n;
                record.addBytes(n);
            }
            if (total < expected) {
                throw new IncompleteException(true, "the sender closed the stream after " + total + " of "
                        + expected + " bytes");
            }
            return hashing.finish();
        }
    }

    private static FileChannel openPart(Path part) throws LocalFileException {
        try {
            // the partial file was created empty when reserved. Truncating it again would make ext4
            // (auto_da_alloc) flush the whole file to disk when it is closed, stalling the end of every
            // large transfer for as long as the disk needs.
            return FileChannel.open(part, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LocalFileException("cannot write " + part + ": " + e.getMessage());
        }
    }

    private static void write(FileChannel out, ByteBuffer buffer, Path part) throws LocalFileException {
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot write " + part + ": " + e.getMessage());
        }
    }

    /**
     * Gives the verified partial file its final name without ever replacing a file: if the name was
     * taken meanwhile, the next free one is used.
     */
    private static Path moveIntoPlace(Path part, Path target) throws LocalFileException {
        Path candidate = target;
        for (int i = 1; i < 10_000; i++) {
            try {
                linkOrMove(part, candidate);
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                candidate = target.resolveSibling(SafeFileNames.numbered(target.getFileName().toString(), i));
            } catch (IOException e) {
                throw new LocalFileException("cannot move " + part + " into place: " + e.getMessage());
            }
        }
        throw new LocalFileException("no free name for " + target);
    }

    /** A hard link fails atomically if the name exists; where links are not supported, a move. */
    private static void linkOrMove(Path part, Path candidate) throws IOException {
        boolean linked;
        try {
            Files.createLink(candidate, part);
            linked = true;
        } catch (FileAlreadyExistsException taken) {
            throw taken;
        } catch (UnsupportedOperationException | IOException noLinks) {
            linked = false;
        }
        if (linked) {
            Files.delete(part);
            return;
        }
        if (Files.exists(candidate)) {
            throw new FileAlreadyExistsException(candidate.toString());
        }
        Files.move(part, candidate, StandardCopyOption.ATOMIC_MOVE);
    }

    private void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            hub.log.warn("Transfer {}: cannot delete the partial file {}: {}", record.id(), part, e.toString());
        }
    }

    /** Fewer bytes than announced (the sender stopped early) or more. */
    static final class IncompleteException extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean early;

        IncompleteException(boolean early, String message) {
            super(message);
            this.early = early;
        }
    }

    static final class HashMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        HashMismatchException(String message) {
            super(message);
        }
    }
}
