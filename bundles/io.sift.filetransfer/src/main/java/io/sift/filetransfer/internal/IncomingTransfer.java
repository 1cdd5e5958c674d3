package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jivesoftware.smack.packet.StandardExtensionElement;

import io.sift.api.FailureReason;
import io.sift.api.OfferDecision;
import io.sift.api.TransferState;
import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;

/**
 * Receives one offered file: decide, accept, wait for the stream, write {@code <name>.part}, verify
 * size and hashes, then move it to its final name. The final name never appears unless every byte
 * arrived and checked out; on any other outcome the partial file is kept for a resend to continue,
 * or deleted when its content is known to be wrong or nobody wants it.
 */
final class IncomingTransfer implements Runnable {

    private static final Duration PREDECESSOR_WAIT = Duration.ofSeconds(5);
    /** The bytes gathered from small reads before they are written and hashed (see {@link #receive}). */
    static final int BATCH = 64 * 1024;

    private final TransferRecord record;
    private final IncomingStreamOffer offer;
    private final FileElement file;
    private final OfferView view;
    private final TransferHub hub;
    private final List<CompletableFuture<Void>> predecessors;
    // set by the first part, read by the second (handed over through the worker pool's queue)
    private PartFile part;
    private ByteStream stream;
    private CheckInbox.Expected check;
    /** Whether the SHA-256 the sender sent after the data matched (what a confirmation says). */
    private boolean sha256Matched;
    /** Taken by whoever runs the data part, or lets go of it: the worker, or a cancel before the worker came. */
    private final AtomicBoolean dataClaimed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

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

    /**
     * The first part, on a thread that waits (not one of the workers that move data): decide, accept,
     * and wait for the stream. Once it is open, the data part goes to a worker.
     */
    @Override
    public void run() {
        boolean handedOver = false;
        try {
            handedOver = negotiate();
        } catch (Exception e) {
            fail(e);
        } finally {
            if (!handedOver) {
                end();
            }
        }
    }

    /** @return whether the stream opened and the data part was handed to a worker */
    private boolean negotiate() throws Exception {
        awaitPredecessors();
        OfferDecision decision = hub.decider.decide(view);
        if (record.state().isFinal()) {
            return false; // cancelled while deciding: the cancel declined the offer
        }
        if (!decision.isAccept()) {
            offer.decline(decision.reason().orElse(null));
            record.declined();
            return false;
        }
        part = reserve(decision.directory().orElseThrow());
        if (record.state().isFinal()) {
            return false;
        }
        check = expectChecksum();
        record.resumedFrom(part.resumeFrom());
        PendingStream pending = offer.accept(answer(part.resumeFrom(), check != null));
        record.onCancel(pending::cancel);
        if (!record.negotiating(view.peer())) {
            return false;
        }
        stream = pending.await(hub.settings().streamOpenTimeout());
        ByteStream open = stream;
        record.onCancel(() -> {
            open.abort();
            // ended while it waited for a worker: let go of everything now, not once a worker is free
            if (dataClaimed.compareAndSet(false, true)) {
                end();
            }
        });
        record.queuedForWorker();
        return hub.start(record, this::moveData);
    }

    /** The second part, on a worker: the bytes, the checks, the final name. */
    private void moveData() {
        if (!dataClaimed.compareAndSet(false, true)) {
            return; // the transfer ended while this waited for a worker, and was let go of then
        }
        try {
            if (!record.started(stream.method())) {
                return;
            }
            ContentHashes written = receive(stream.in(), part);
            record.allBytesMoved();
            boolean verified = verify(written, check);
            stream.close();
            Path stored = moveIntoPlace(part.part(), part.target());
            placed(part);
            // the sender hears it before anyone here does: a receiver that stops at once still answered
            if (check != null) {
                check.conclude(sha256Matched ? new CheckVerdict.Confirmed()
                        : new CheckVerdict.Unanswered("stored, but no SHA-256 arrived to check it against"));
            }
            record.completed(stored, written.sha256(), verified);
        } catch (Exception e) {
            fail(e);
        } finally {
            end();
        }
    }

    /** What an exception means for the transfer. */
    private void fail(Exception e) {
        if (e instanceof NegotiationException n) {
            record.failAndUndo(n.kind() == NegotiationException.Kind.ACCOUNT_OFFLINE
                    ? FailureReason.ACCOUNT_OFFLINE : FailureReason.PROTOCOL_ERROR, n.getMessage());
        } else if (e instanceof StreamException s) {
            StreamFailures.record(record, s);
        } else if (e instanceof IncompleteException i) {
            if (i.early) {
                record.cancelledByPeer();
            } else {
                record.failAndUndo(FailureReason.SIZE_MISMATCH, i.getMessage());
            }
        } else if (e instanceof HashMismatchException h) {
            record.failAndUndo(FailureReason.HASH_MISMATCH, h.getMessage());
        } else if (e instanceof LocalFileException l) {
            record.failAndUndo(FailureReason.LOCAL_IO, l.getMessage());
        } else if (e instanceof IOException io) {
            record.failAndUndo(FailureReason.STREAM_FAILED, "the bytestream broke: " + io.getMessage());
        } else if (e instanceof InterruptedException) {
            record.failAndUndo(FailureReason.SHUTDOWN, "interrupted");
        } else {
            hub.log.error("Transfer {} failed unexpectedly: {}", record.id(), e.toString());
            record.failAndUndo(FailureReason.PROTOCOL_ERROR, "unexpected error: " + e);
        }
    }

    /** Whatever ended the transfer: the peer stops sending, the partial file is kept or deleted, the sender is told. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (record.file().isEmpty() && stream != null) {
                stream.abort();
            }
            if (part != null) {
                release(part);
            }
            if (check != null) {
                check.conclude(verdict());
            }
        } finally {
            record.workFinished();
        }
    }

    /**
     * The accepting answer's {@code <file/>}: the range still to send when part of the file is already
     * here, and the promise to check the SHA-256 sent after the data; nothing if neither applies.
     */
    static Optional<StandardExtensionElement> answer(long resumeFrom, boolean checks) {
        if (resumeFrom == 0 && !checks) {
            return Optional.empty();
        }
        StandardExtensionElement.Builder file = StandardExtensionElement.builder(FileElement.ELEMENT,
                FileElement.NAMESPACE);
        if (resumeFrom > 0) {
            file.addElement(StandardExtensionElement.builder("range", FileElement.NAMESPACE)
                    .addAttribute("offset", Long.toString(resumeFrom)).build());
        }
        if (checks) {
            file.addElement(FileCheck.marker());
        }
        return Optional.of(file.build());
    }

    /** The partial file has its final name; its identity file is only a leftover now, so failing to delete it is no failure. */
    private void placed(PartFile part) {
        try {
            part.placed();
        } catch (IOException e) {
            hub.log.warn("Transfer {}: cannot delete {}: {}", record.id(), PartFile.identityOf(part.part()),
                    e.toString());
        }
    }

    /**
     * Lets go of the partial file. Unless the file was stored, it is kept for a later offer of the same
     * file to continue when its bytes may be good and the sender can resume (the stream broke, the
     * sender or this side went away, the disk filled up); it is deleted when its content is known to
     * be wrong or nobody wants it (hash or size mismatch, cancelled here, a bad offer).
     */
    private void release(PartFile part) {
        try {
            if (record.file().isEmpty() && !worthKeeping(part)) {
                part.delete();
            }
        } catch (IOException e) {
            hub.log.warn("Transfer {}: cannot delete the partial file {}: {}", record.id(), part.part(), e.toString());
        } finally {
            try {
                part.close();
            } catch (IOException e) {
                hub.log.debug("Transfer {}: closing {}: {}", record.id(), part.part(), e.toString());
            }
        }
    }

    private boolean worthKeeping(PartFile part) {
        if (!file.canResume() || record.cancelledHere() || record.state() == TransferState.DECLINED) {
            return false;
        }
        boolean knownBad = record.failure().map(f -> switch (f.reason()) {
            case HASH_MISMATCH, SIZE_MISMATCH, BAD_OFFER, PROTOCOL_ERROR -> true;
            default -> false;
        }).orElse(false);
        try {
            return !knownBad && Files.size(part.part()) > 0;
        } catch (IOException gone) {
            return false;
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
                sha256Matched = true;
            }
        }
        return checked;
    }

    /** What the sender is told of this transfer, from its final state. */
    private CheckVerdict verdict() {
        return switch (record.state()) {
            case COMPLETED -> sha256Matched ? new CheckVerdict.Confirmed()
                    : new CheckVerdict.Unanswered("stored, but no SHA-256 arrived to check it against");
            case CANCELLED -> record.cancelledHere() ? new CheckVerdict.Refused(null, "cancelled by the receiver")
                    : new CheckVerdict.Unanswered("the stream ended early on the sender's side");
            case DECLINED -> new CheckVerdict.Refused(null, "declined by the receiver");
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

    private PartFile reserve(Path directory) throws LocalFileException {
        try {
            Files.createDirectories(directory);
            hub.sweepPartFiles(directory);
            // continued bytes are only as good as the check at the end: without a hash, start again
            boolean resumable = file.canResume() && (file.checkAfter() || file.md5().isPresent());
            return PartFile.reserve(directory, record.fileName(), PartIdentity.of(offer.session().initiator(), file),
                    resumable, hub.settings().partExpiry(), hub.heldParts());
        } catch (IOException e) {
            // this answer replaces the decline a cancel would send: an offer is answered once
            record.onCancel(() -> { });
            offer.decline("cannot store the file");
            throw new LocalFileException("cannot create a file in " + directory + ": " + e.getMessage());
        }
    }

    /**
     * Reads the rest of the file from the stream into the partial file, checking its size, and hashes
     * the whole file (SHA-256, and MD5 if the sender announced one) beside the copy: what was already
     * there first, then what arrives. Small reads are gathered into one buffer until it holds
     * {@link #BATCH} bytes, then written and handed to the hasher: a server's proxy relays a few
     * kilobytes per read and an in-band block is one read, and handing each read over would wake the
     * hasher's thread for every one of them (through Prosody's proxy, nearly a third of the
     * receiver's CPU went to the two threads waking each other). Buffers are not filled beyond that:
     * a fast stream's reads bring more than a batch each, and filling every buffer to its end made
     * 1 GiB over SOCKS5 direct a third slower, its time in the kernel's copy into the page cache (the
     * buffers in turn then outgrow the core's cache). The progress counts each read as it arrives.
     */
    private ContentHashes receive(ReadableByteChannel in, PartFile part) throws IOException, InterruptedException {
        long expected = file.size();
        long total = part.resumeFrom();
        FileChannel out = part.channel();
        // a small file needs small buffers: a burst of small transfers must not pin megabytes of direct memory
        int bufferSize = (int) Math.max(1, Math.min(HashingPipe.BUFFER, expected));
        try (HashingPipe hashing = new HashingPipe(file.md5().isPresent(), hub.hashers(), HashingPipe.BUFFERS,
                bufferSize)) {
            hashKept(part, hashing);
            out.position(total);
            ByteBuffer buffer = hashing.borrow();
            int batch = Math.min(BATCH, buffer.capacity());
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException broken) {
                    keep(buffer, out, part, broken);
                    throw broken;
                }
                if (n < 0) {
                    break;
                }
                if (total + n > expected) {
                    throw new IncompleteException(false, "the sender sent more than the announced " + expected
                            + " bytes");
                }
                total += n;
                record.addBytes(n);
                if (buffer.position() >= batch) {
                    writeAndHash(buffer, out, part, hashing);
                    buffer = hashing.borrow();
                }
            }
            if (buffer.position() > 0) {
                writeAndHash(buffer, out, part, hashing);
            } else {
                hashing.giveBack(buffer);
            }
            if (total < expected) {
                throw new IncompleteException(true, "the sender closed the stream after " + total + " of "
                        + expected + " bytes");
            }
            return hashing.finish();
        }
    }

    private static void writeAndHash(ByteBuffer filled, FileChannel out, PartFile part, HashingPipe hashing)
            throws LocalFileException {
        filled.flip();
        write(out, filled.duplicate(), part.part());
        hashing.hash(filled);
    }

    /** Writes what arrived before the stream broke, so that a resumed transfer continues after it. */
    private static void keep(ByteBuffer gathered, FileChannel out, PartFile part, IOException broken) {
        try {
            write(out, gathered.flip(), part.part());
        } catch (LocalFileException e) {
            broken.addSuppressed(e);
        }
    }

    /** Feeds the bytes kept from an earlier attempt to the hashes. */
    private static void hashKept(PartFile part, HashingPipe hashing) throws IOException, InterruptedException {
        FileChannel kept = part.channel();
        long position = 0;
        while (position < part.resumeFrom()) {
            ByteBuffer buffer = hashing.borrow();
            buffer.limit((int) Math.min(buffer.capacity(), part.resumeFrom() - position));
            int n;
            try {
                n = kept.read(buffer, position);
            } catch (IOException e) {
                hashing.giveBack(buffer);
                throw new LocalFileException("cannot read " + part.part() + ": " + e.getMessage());
            }
            if (n <= 0) {
                hashing.giveBack(buffer);
                throw new LocalFileException(part.part() + " shrank while being read");
            }
            buffer.flip();
            hashing.hash(buffer);
            position += n;
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
