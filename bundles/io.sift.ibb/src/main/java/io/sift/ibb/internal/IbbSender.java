package io.sift.ibb.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Printable;
import io.sift.spi.StreamException;

/**
 * The initiator's end of one in-band stream: a blocking channel that cuts the bytes into blocks of
 * the negotiated size and sends each as a data IQ or message.
 *
 * <p>Data IQs go out in a window: at most {@code window} may wait for their acknowledgement, so the
 * sender neither stalls on every round trip nor runs ahead of a slow receiver. A negative or missing
 * acknowledgement fails the stream; the next write reports it.
 *
 * <p>A receiver that answers a block as out of sequence took one that overtook another: it cannot
 * take a window (Smack 4.4 hands data IQs to a thread pool). With a window of more than one block
 * the failure is retryable: the account is told, sends to that peer one block at a time from now
 * on, and a new session can succeed.
 */
final class IbbSender implements WritableByteChannel {

    private final String sid;
    private final String target;
    private final Jid targetAddress;
    private final int blockSize;
    private final DataStanza stanza;
    private final int window;
    private final long ackTimeoutMillis;
    private final long closeTimeoutMillis;
    private final IbbTransport transport;
    private final Logger log;
    private final Consumer<IbbSender> onEnd;
    private final Consumer<String> onOutOfSequence;

    private final InFlight inFlight = new InFlight();
    private final AtomicReference<StreamException> failure = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean peerTold = new AtomicBoolean();
    private final AtomicBoolean outOfSequenceSeen = new AtomicBoolean();
    private volatile boolean peerClosed;
    private volatile boolean closed;
    private volatile boolean closedNormally;

    private final ChunkSizer chunks;
    /** The text of acknowledged IQ blocks, written out and answered: nothing reads it any more. */
    private final Spares<char[]> texts;

    // guarded by this: the writing thread's state
    private final byte[] partial;
    private int partialLength;
    private int seq;
    private final BlockEncoder encoder = new BlockEncoder();

    /**
     * @param target the session's target, whose close requests this stream accepts
     * @param targetAddress where the blocks go
     * @param onEnd called once when the stream is over, so the account forgets its sid
     * @param learned the account's timed block sizes from earlier streams to the target, added to by this one
     * @param onOutOfSequence told (with the evidence) when the target took blocks sent in a window out
     *        of sequence, so the account sends it one block at a time from now on
     */
    IbbSender(String sid, String target, Jid targetAddress, int blockSize, IbbSettings settings,
            IbbTransport transport, Logger log, Consumer<IbbSender> onEnd, LearnedBlockSize learned,
            Consumer<String> onOutOfSequence) {
        this.sid = sid;
        this.target = target;
        this.targetAddress = targetAddress;
        this.blockSize = blockSize;
        this.stanza = settings.stanza();
        this.window = settings.window();
        this.ackTimeoutMillis = settings.ackTimeoutMillis();
        this.closeTimeoutMillis = settings.closeTimeoutMillis();
        this.transport = transport;
        this.log = log;
        this.onEnd = onEnd;
        this.onOutOfSequence = onOutOfSequence;
        this.partial = new byte[blockSize];
        this.texts = new Spares<>(() -> new char[Base64Text.encodedLength(blockSize)], window);
        // without acknowledgements (message stanzas) there is nothing to measure
        ChunkSizer.Earlier earlier = learned.forStreams(targetAddress, window);
        this.chunks = new ChunkSizer(blockSize, settings.adaptiveBlockSize() && stanza == DataStanza.IQ,
                System::nanoTime, earlier, logged(learned.recorder(targetAddress, window), earlier.rates()));
    }

    /**
     * The account's record of the block-size timings, with each timing in the debug log and the final
     * choice, with the timings it was made from, in the info log: which size a stream went on with is
     * seen nowhere else, and on some servers it decides whether a transfer crawls.
     */
    private ChunkSizer.ProbeResults logged(ChunkSizer.ProbeResults record, Map<Integer, Double> timedBefore) {
        // the sizer calls these under its own lock, which guards this map too; a stream may finish
        // timings that earlier ones began
        Map<Integer, Double> latest = new TreeMap<>(timedBefore);
        return new ChunkSizer.ProbeResults() {
            @Override
            public void measured(int size, double bytesPerNano) {
                record.measured(size, bytesPerNano);
                latest.put(size, bytesPerNano);
                log.debug("In-band stream {} to {}: blocks of {} bytes came through at {} MiB/s.", Printable.of(sid),
                        Printable.of(target), size, mibPerSecond(bytesPerNano));
            }

            @Override
            public void settled(long bytes) {
                record.settled(bytes);
            }

            @Override
            public void timedAgain(int size) {
                record.timedAgain(size);
            }

            @Override
            public void confirmed(int chosen) {
                record.confirmed(chosen);
                StringJoiner timings = new StringJoiner(", ");
                latest.forEach((size, rate) -> timings.add(size + " bytes " + mibPerSecond(rate)));
                log.info("In-band stream {} to {}: goes on in blocks of {} bytes (last timed, in MiB/s: {}).",
                        Printable.of(sid), Printable.of(target), chosen, timings);
            }
        };
    }

    private static String mibPerSecond(double bytesPerNano) {
        return String.format(Locale.ROOT, "%.1f", bytesPerNano * 1e9 / (1 << 20));
    }

    String sid() {
        return sid;
    }

    String target() {
        return target;
    }

    /** Takes all of {@code src}; blocks while the window is full. */
    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        throwIfUnusable();
        int total = src.remaining();
        if (partialLength > 0) {
            int chunk = chunks.size();
            // the chosen size may have shrunk below what is buffered: then the buffer goes as it is
            int n = Math.max(0, Math.min(src.remaining(), chunk - partialLength));
            src.get(partial, partialLength, n);
            partialLength += n;
            if (partialLength < chunk) {
                return total;
            }
            sendBlock(ByteBuffer.wrap(partial, 0, partialLength));
            partialLength = 0;
        }
        // whole blocks are encoded straight from the caller's buffer
        for (int chunk = chunks.size(); src.remaining() >= chunk; chunk = chunks.size()) {
            int position = src.position();
            sendBlock(src.slice(position, chunk));
            src.position(position + chunk);
        }
        int rest = src.remaining();
        src.get(partial, 0, rest);
        partialLength = rest;
        return total;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Sends the last partial block, waits until every block is acknowledged, then sends the close and
     * returns: the sender's part is done. The answer to the close is not waited for: every block was
     * acknowledged before it (with message stanzas, sent: what arrived is for the file's own check to
     * tell), and some clients (libpurple) never answer a close. A missing or negative answer is logged.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            if (!closedNormally) {
                // shut down or aborted meanwhile: the caller must not take this for success
                throwIfFailed();
            }
            return;
        }
        try {
            throwIfUnusable();
            if (partialLength > 0) {
                sendBlock(ByteBuffer.wrap(partial, 0, partialLength));
                partialLength = 0;
            }
            awaitAllAcknowledged();
        } catch (IOException | RuntimeException e) {
            closed = true;
            abandon();
            throw e;
        }
        closed = true;
        try {
            sendClose();
            closedNormally = true;
        } catch (StreamException e) {
            fail(e);
            throw e;
        } finally {
            end();
        }
    }

    /** Tears the stream down: tells the target without waiting, and fails pending and later writes. */
    void abort() {
        if (ended.get()) {
            return; // closed normally, closed by the target, or shut down: nothing left to tear down
        }
        fail(new StreamException(StreamException.Kind.BROKEN, "the stream was aborted"));
        closed = true;
        abandon();
    }

    /**
     * The target closed the stream: it cancelled, and writes fail with CLOSED_BY_PEER from now on;
     * unless it closed because blocks came out of sequence, which says more.
     */
    void onPeerClose() {
        peerClosed = true;
        StreamException closedByPeer =
                new StreamException(StreamException.Kind.CLOSED_BY_PEER, "the target closed the in-band stream");
        // a refused block usually comes with the target's close; the close says more, unless it was about the order
        StreamException previous = failure.getAndUpdate(f -> f == null
                || f.kind() == StreamException.Kind.BROKEN && !(f instanceof OutOfSequence) ? closedByPeer : f);
        if (previous == null) {
            inFlight.releaseAll();
        }
        end();
    }

    /** A data message came back as an error: the server could not deliver it. */
    void onBounce(String condition) {
        fail(new StreamException(StreamException.Kind.BROKEN, "a block could not be delivered: " + condition));
    }

    /** Ends the stream because the account or the method went away. */
    void shutdown(StreamException.Kind kind, String reason, boolean tellPeer) {
        fail(new StreamException(kind, reason));
        closed = true;
        if (tellPeer) {
            abandon();
        } else {
            end();
        }
    }

    private void sendBlock(ByteBuffer block) throws IOException {
        int bytes = block.remaining();
        if (stanza == DataStanza.IQ) {
            acquireSlot(window);
        } else {
            throwIfFailed();
        }
        int sentSeq = seq;
        seq = Ibb.nextSeq(seq);
        if (stanza == DataStanza.IQ) {
            Base64Text text = encoder.encode(block, texts.take());
            IbbDataIq iq = IbbDataIq.request(DataElement.outgoing(sid, sentSeq, text));
            iq.setTo(targetAddress);
            int probe = chunks.sent(bytes);
            transport.request(iq, ackTimeoutMillis).whenComplete((answer, error) -> {
                if (answer != null) {
                    // an answer came, so the connection has written the block: its text may be reused
                    texts.giveBack(text.array());
                }
                acknowledged(sentSeq, probe, bytes, answer, error);
            });
        } else {
            // a message is never answered, so nothing tells when its text has been written
            DataElement data = DataElement.outgoing(sid, sentSeq, encoder.encode(block));
            Message message = StanzaBuilder.buildMessage().to(targetAddress).addExtension(data).build();
            try {
                transport.send(message);
            } catch (StreamException e) {
                fail(e);
                throw e;
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
    }

    /** Takes a place in the window for the next block, or throws why the stream cannot go on. */
    private void acquireSlot(int limit) throws IOException {
        boolean acquired;
        try {
            acquired = inFlight.acquire(limit);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        if (acquired && failure.get() == null) {
            return;
        }
        if (acquired) {
            inFlight.answered(); // the block will not go out
        }
        throwIfFailed();
        throw new ClosedChannelException();
    }

    private void acknowledged(int blockSeq, int probe, int bytes, IQ answer, Throwable error) {
        try {
            judge(blockSeq, probe, bytes, answer, error);
        } finally {
            // counted after the judgement: whoever waits for all answers finds what they said
            inFlight.answered();
        }
    }

    private void judge(int blockSeq, int probe, int bytes, IQ answer, Throwable error) {
        if (error == null && answer.getType() == IQ.Type.result) {
            chunks.acknowledged(probe, bytes);
            return;
        }
        if (error == null && IbbErrors.isOutOfSequence(answer)) {
            outOfSequence("block " + blockSeq + " was answered with " + IbbErrors.describe(answer));
            return;
        }
        if (error == null && IbbErrors.conditionOf(answer) == StanzaError.Condition.item_not_found) {
            // the target has forgotten the stream: it closed it, and its close may still be on the way
            // (answers and requests reach this side by different paths, in no fixed order)
            fail(new StreamException(StreamException.Kind.CLOSED_BY_PEER,
                    "the target closed the in-band stream (block " + blockSeq + " found no stream)"));
            return;
        }
        String why;
        if (error == null) {
            why = "the target answered block " + blockSeq + " with " + IbbErrors.describe(answer);
        } else if (unwrap(error) instanceof TimeoutException) {
            why = "block " + blockSeq + " was not acknowledged within " + ackTimeoutMillis + " ms";
        } else {
            why = "block " + blockSeq + " could not be sent: " + unwrap(error);
        }
        fail(new StreamException(unwrap(error) instanceof SmackException.NotConnectedException
                ? StreamException.Kind.OFFLINE : StreamException.Kind.BROKEN, why));
    }

    /**
     * The target took blocks out of sequence. With several blocks in flight that is the window's doing
     * (the target handles blocks concurrently), and one block at a time will work: the account learns
     * it and the failure is retryable. It outranks the target's close, which usually follows it, and
     * blocks the target no longer found after that close; they arrive in no fixed order.
     */
    private void outOfSequence(String evidence) {
        if (!outOfSequenceSeen.compareAndSet(false, true)) {
            return; // the blocks after the first complaint fare the same; it says it all
        }
        boolean windowToBlame = window > 1;
        if (windowToBlame) {
            onOutOfSequence.accept(evidence);
        }
        StreamException complaint = new OutOfSequence("the target took in-band blocks out of sequence (" + evidence
                + ")" + (windowToBlame ? "; it gets one block at a time from now on" : ""), windowToBlame);
        failure.getAndUpdate(f -> f == null || f.kind() == StreamException.Kind.CLOSED_BY_PEER ? complaint : f);
        inFlight.releaseAll();
    }

    /** Waits for every outstanding acknowledgement; each request times out by itself, so this ends. */
    private void awaitAllAcknowledged() throws IOException {
        if (stanza != DataStanza.IQ) {
            return;
        }
        try {
            // the bound only guards against a transport that never completes a request
            if (!inFlight.awaitNone(2 * ackTimeoutMillis + 1000)) {
                fail(new StreamException(StreamException.Kind.BROKEN, "blocks were never acknowledged"));
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        throwIfFailed();
    }

    /**
     * Sends the close without waiting for its answer. A close that cannot be sent at all (the
     * connection is gone) is a failure: the target would never learn that the data ended.
     */
    private void sendClose() throws StreamException {
        IbbClose close = IbbClose.request(sid);
        close.setTo(targetAddress);
        CompletableFuture<IQ> answer = transport.request(close, closeTimeoutMillis);
        if (answer.isCompletedExceptionally()) {
            Throwable cause = unwrap(answer.handle((reply, error) -> error).join());
            if (!(cause instanceof TimeoutException)) {
                throw new StreamException(cause instanceof SmackException.NotConnectedException
                        ? StreamException.Kind.OFFLINE : StreamException.Kind.BROKEN,
                        "the close could not be sent: " + cause, cause);
            }
        }
        answer.whenComplete(this::closeAnswered);
    }

    /** What became of the close, for the log only: the stream's outcome was decided when it was sent. */
    private void closeAnswered(IQ answer, Throwable error) {
        String what = stanza == DataStanza.IQ ? "every block was acknowledged" : "every block was sent";
        if (error != null && unwrap(error) instanceof TimeoutException) {
            log.debug("In-band stream {} to {}: no answer to the close within {} ms ({} before it; some clients "
                    + "never answer a close).", Printable.of(sid), Printable.of(target), closeTimeoutMillis, what);
        } else if (error != null) {
            log.debug("In-band stream {} to {}: the close got no answer: {} ({} before it).", Printable.of(sid),
                    Printable.of(target), unwrap(error), what);
        } else if (answer.getType() != IQ.Type.result) {
            log.debug("In-band stream {} to {}: the close was answered with {} ({} before it).", Printable.of(sid),
                    Printable.of(target), IbbErrors.describe(answer), what);
        }
    }

    private void fail(StreamException e) {
        if (failure.compareAndSet(null, e)) {
            // wakes a writer waiting for a slot; it finds the failure
            inFlight.releaseAll();
        }
    }

    /** Tells the target the stream is over unless it closed it itself; does not wait for an answer. */
    private void abandon() {
        if (!peerClosed && peerTold.compareAndSet(false, true)) {
            IbbClose close = IbbClose.request(sid);
            close.setTo(targetAddress);
            try {
                transport.send(close);
            } catch (StreamException e) {
                log.debug("In-band stream {}: cannot send the close: {}", Printable.of(sid), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        end();
    }

    private void throwIfUnusable() throws IOException {
        if (closed && failure.get() == null) {
            throw new ClosedChannelException();
        }
        throwIfFailed();
    }

    /** Throws the stream's failure, if any, as the writer's own exception (retryable as it was). */
    private void throwIfFailed() throws StreamException {
        StreamException f = failure.get();
        if (f == null) {
            return;
        }
        if (f.kind() == StreamException.Kind.CLOSED_BY_PEER && inFlight.count() > 0) {
            f = settled();
        }
        throw new StreamException(f.kind(), f.getMessage(), f.retryable());
    }

    /**
     * The failure once the answers to the blocks still in flight are in. The target's close reaches
     * this side by another path than its answers: it may overtake the answer that says why it closed
     * (a block out of sequence). Every answer is under way or times out by itself, so this ends.
     */
    private StreamException settled() {
        try {
            inFlight.awaitAllAnswered(ackTimeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure.get();
    }

    private ClosedByInterruptException interrupted() {
        Thread.currentThread().interrupt();
        abort();
        return new ClosedByInterruptException();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }

    /** The target's complaint that blocks came out of sequence (kept apart: the target's close must not hide it). */
    private static final class OutOfSequence extends StreamException {
        private static final long serialVersionUID = 1L;

        OutOfSequence(String message, boolean retryable) {
            super(StreamException.Kind.BROKEN, message, retryable);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
