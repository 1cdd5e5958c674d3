package io.sift.filetransfer.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.ListenerRegistration;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferFailure;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;

/**
 * The state of one transfer and the only place it changes. Every state change publishes its event
 * while holding the lock, so events leave in the order the changes happened; once final, nothing
 * changes any more and {@link #completion()} completes.
 */
final class TransferRecord implements Transfer {

    static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String id;
    private final String account;
    private final Direction direction;
    private final String fileName;
    private final long size;
    private final Optional<String> description;
    private final Instant started = Instant.now();
    /** Everyone who hears this transfer's events: the whiteboard, EventAdmin and its own listeners. */
    private final TransferListeners events;
    private final AtomicLong bytes = new AtomicLong();
    private final CompletableFuture<Transfer> completion = new CompletableFuture<>();
    /** Completes when the worker is done, clean-up (partial file) included: later than the final state. */
    private final CompletableFuture<Void> workDone = new CompletableFuture<>();

    private volatile String peer;
    private volatile TransferState state = TransferState.OFFERED;
    private volatile String method;
    private volatile TransferFailure failure;
    private volatile Path file;
    private volatile String sha256;
    private volatile boolean verified;
    /** What cancel() must undo right now: the stream to abort, the wait to stop. */
    private volatile Runnable onCancel = () -> { };
    /** Interrupts the worker thread, for waits that have no undo of their own (an offer's answer). */
    private volatile Runnable interrupter = () -> { };
    // nanoTime may be negative: start one interval back so the first progress is reported
    private long lastProgressNanos = System.nanoTime() - PROGRESS_INTERVAL_NANOS; // guarded by this
    private volatile long lastActivityNanos = System.nanoTime();
    /** Set when the peer went offline while data moved; the watchdog ends the transfer once data stops. */
    private volatile boolean peerGone;
    /** Every byte moved; what is left is the check (close, hashes, verdict), bounded by its own waits. */
    private volatile boolean allBytesMoved;
    /** Bytes that were already there when this transfer started (a resumed one). */
    private volatile long resumedFrom;
    /** Ended by {@link #cancel()} on this side, not by the peer. */
    private volatile boolean cancelledHere;

    TransferRecord(String id, String account, String peer, Direction direction, String fileName, long size,
            Optional<String> description, Path file, EventSink events) {
        this.id = id;
        this.account = account;
        this.peer = peer;
        this.direction = direction;
        this.fileName = fileName;
        this.size = size;
        this.description = description;
        this.file = file;
        this.events = new TransferListeners(id, events);
    }

    // ---- changes, called by the transfer's own worker ----

    synchronized void offered() {
        publish(TransferEvent.Type.OFFERED);
    }

    /** The peer accepted (outgoing) or this side accepted (incoming): the stream is being set up. */
    synchronized boolean negotiating(String fullPeer) {
        if (state.isFinal()) {
            return false;
        }
        peer = fullPeer;
        state = TransferState.NEGOTIATING;
        touch();
        return true;
    }

    /** The bytestream is open; bytes start to move. */
    synchronized boolean started(String streamMethod) {
        if (state.isFinal()) {
            return false;
        }
        method = streamMethod;
        state = TransferState.TRANSFERRING;
        touch();
        publish(TransferEvent.Type.STARTED);
        return true;
    }

    /**
     * The current stream failed; the transfer goes on with a new one (another method, or the same in a
     * new session). Bytes that moved over the failed stream are not counted: the new stream starts
     * from what the receiver has ({@link #resumedFrom}), which the new answer says.
     */
    synchronized boolean fallingBack(String failedMethod) {
        if (state.isFinal()) {
            return false;
        }
        bytes.set(0);
        resumedFrom = 0;
        method = failedMethod;
        state = TransferState.NEGOTIATING;
        touch();
        publish(TransferEvent.Type.FALLBACK);
        return true;
    }

    void addBytes(long n) {
        if (state.isFinal()) {
            return; // a worker that has not noticed the end yet must not change the final count
        }
        bytes.addAndGet(n);
        touch();
        long now = System.nanoTime();
        synchronized (this) {
            if (!state.isFinal() && now - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
                lastProgressNanos = now;
                publish(TransferEvent.Type.PROGRESS);
            }
        }
    }

    /**
     * The worker reads what it must before the next bytes can move (the start of a source, for the
     * hash of a resumed transfer): the transfer is not idle.
     */
    void stillWorking() {
        touch();
    }

    /**
     * Incoming: the file is in its final place; outgoing: the receiver confirmed it.
     *
     * @param contentSha256 SHA-256 of the bytes written (incoming) or sent (outgoing)
     * @param checked whether a hash was checked, not only the size
     */
    boolean completed(Path finalFile, String contentSha256, boolean checked) {
        return finish(TransferState.COMPLETED, null, finalFile, contentSha256, checked);
    }

    /** Outgoing: every byte was sent and the stream closed cleanly, but the receiver did not confirm. */
    boolean sent(String contentSha256) {
        return finish(TransferState.SENT, null, null, contentSha256, false);
    }

    boolean failed(FailureReason reason, String message) {
        return finish(TransferState.FAILED, new TransferFailure(reason, message), null, null, false);
    }

    boolean declined() {
        return finish(TransferState.DECLINED, null, null, null, false);
    }

    /** The peer cancelled (it closed the stream early). */
    boolean cancelledByPeer() {
        return finish(TransferState.CANCELLED, null, null, null, false);
    }

    /** Registers what a cancel must undo now; if the transfer already ended, undoes it at once. */
    void onCancel(Runnable undo) {
        onCancel = undo;
        if (state.isFinal()) {
            undo.run();
        }
    }

    /** Set once, by whoever runs the transfer's work. */
    void interruptWith(Runnable interrupt) {
        interrupter = interrupt;
        if (state.isFinal()) {
            interrupt.run();
        }
    }

    /** Fails the transfer from outside its worker (watchdog, account gone, shutdown) and stops what runs. */
    boolean failAndUndo(FailureReason reason, String message) {
        if (!failed(reason, message)) {
            return false;
        }
        undo();
        return true;
    }

    private void undo() {
        onCancel.run();
        interrupter.run();
    }

    void workFinished() {
        workDone.complete(null);
    }

    CompletableFuture<Void> workDone() {
        return workDone;
    }

    /** The transfer continues a file of which this many bytes are already there (resume). */
    void resumedFrom(long offset) {
        resumedFrom = offset;
    }

    boolean cancelledHere() {
        return cancelledHere;
    }

    /** The peer went offline; unless every byte already moved, the transfer ends once data stops. */
    void peerGone() {
        if (!allBytesMoved) {
            peerGone = true;
        }
    }

    /**
     * The peer went offline while this side waits for its stream: it may still be on its way (sent
     * before the peer left), so the watchdog's grace starts now rather than at the last activity.
     */
    void peerGoneBeforeTheStream() {
        touch();
        peerGone = true;
    }

    boolean isPeerGone() {
        return peerGone;
    }

    /**
     * Every byte went into the stream (outgoing) or into the partial file (incoming). What is left is
     * the check, whose waits have their own bounds: the idle watchdog leaves the transfer alone, and
     * the peer leaving now does not undo what moved.
     */
    void allBytesMoved() {
        allBytesMoved = true;
        peerGone = false;
    }

    /** The stream is open and the transfer waits for a worker: its idle time starts again now. */
    void queuedForWorker() {
        touch();
    }

    boolean isChecking() {
        return allBytesMoved;
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    private boolean finish(TransferState end, TransferFailure why, Path finalFile, String contentSha256,
            boolean checked) {
        return finish(end, why, finalFile, contentSha256, checked, false);
    }

    /** @param here whether this side ended it ({@link #cancel()}); set only if this call is the one that ends it */
    private boolean finish(TransferState end, TransferFailure why, Path finalFile, String contentSha256,
            boolean checked, boolean here) {
        synchronized (this) {
            if (state.isFinal()) {
                return false;
            }
            cancelledHere = here;
            failure = why;
            if (finalFile != null) {
                file = finalFile;
            }
            sha256 = contentSha256;
            verified = checked;
            state = end;
            publish(switch (end) {
                case COMPLETED -> TransferEvent.Type.COMPLETED;
                case SENT -> TransferEvent.Type.SENT;
                case FAILED -> TransferEvent.Type.FAILED;
                case CANCELLED -> TransferEvent.Type.CANCELLED;
                case DECLINED -> TransferEvent.Type.DECLINED;
                default -> throw new IllegalStateException(end + " is not final");
            });
        }
        completion.complete(this);
        return true;
    }

    private void publish(TransferEvent.Type type) {
        events.publish(new TransferEvent(type, id, account, peer, direction, fileName, size, bytes.get(),
                Optional.ofNullable(method), Optional.ofNullable(failure), Instant.now(), Optional.ofNullable(sha256),
                verified));
    }

    // ---- Transfer ----

    @Override
    public boolean cancel() {
        if (!finish(TransferState.CANCELLED, null, null, null, false, true)) {
            return false;
        }
        undo();
        return true;
    }

    @Override
    public ListenerRegistration addListener(TransferListener listener) {
        return events.add(listener);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Optional<String> description() {
        return description;
    }

    @Override
    public long bytesTransferred() {
        return bytes.get();
    }

    @Override
    public TransferState state() {
        return state;
    }

    @Override
    public Optional<String> streamMethod() {
        return Optional.ofNullable(method);
    }

    @Override
    public Optional<TransferFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Optional<Path> file() {
        return direction == Direction.INCOMING && state != TransferState.COMPLETED
                ? Optional.empty()
                : Optional.ofNullable(file);
    }

    @Override
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    @Override
    public long resumedFrom() {
        return resumedFrom;
    }

    @Override
    public boolean verified() {
        return verified;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public CompletionStage<Transfer> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "Transfer[" + id + " " + direction + " " + fileName + " " + state
                + (failure == null ? "" : " " + failure) + "]";
    }
}
