package io.sift.ibb.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Printable;
import io.sift.spi.StreamException;

/**
 * The target's end of one in-band stream: checks each block the initiator sends, queues its bytes
 * for the reader, and answers data IQs.
 *
 * <p>Blocks arrive on the connection's handler thread, in order; {@link #read} runs on the
 * consumer's thread. A block that breaks the protocol (wrong seq, bad base64, oversized) closes the
 * stream: the initiator gets a {@code <close/>} and the reader a {@link StreamException}.
 */
final class IbbReceiver implements ReadableByteChannel {

    /** Why a block was refused, and how to answer its IQ. */
    private record Rejection(StanzaError.Condition condition, StanzaError.Type type, String reason) {
        IQ answer(IbbDataIq request) {
            return IbbErrors.reply(request.withoutPayload(), condition, type);
        }
    }

    /**
     * Arrays kept for reuse. A reader that keeps up holds one or two blocks at a time; a few more
     * ride out a pause, and what a longer one piles up goes to the collector.
     */
    private static final int SPARE_ARRAYS = 8;

    /** A block for a stream that has already ended: it is no longer known, and not a new violation. */
    private static final Rejection ENDED =
            new Rejection(StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL, "the stream has ended");

    private final String sid;
    private final String initiator;
    private final Jid initiatorAddress;
    private final int blockSize;
    private final IbbTransport transport;
    private final FlowLimits limits;
    private final Logger log;
    private final Consumer<IbbReceiver> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean initiatorTold = new AtomicBoolean();
    /** Arrays of the block size that blocks are decoded into, used again once read. */
    private final Spares<byte[]> arrays;
    private final Base64Block decoder = new Base64Block(); // guarded by lock

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // all guarded by lock
    private final ArrayDeque<ByteBuffer> blocks = new ArrayDeque<>();
    private long queuedBytes;
    private final List<IQ> heldAcks = new ArrayList<>();
    private int expectedSeq;
    private int previousSeq = -1;
    private boolean endOfStream;
    private StreamException failure;
    private boolean closed;

    /**
     * @param initiator the session's initiator, whom blocks must come from
     * @param initiatorAddress where the {@code <close/>} goes: the sender of the accepted open
     * @param onEnd called once when the stream no longer takes blocks, so the account forgets its sid
     */
    IbbReceiver(String sid, String initiator, Jid initiatorAddress, int blockSize, IbbTransport transport,
            FlowLimits limits, Logger log, Consumer<IbbReceiver> onEnd) {
        this.sid = sid;
        this.initiator = initiator;
        this.initiatorAddress = initiatorAddress;
        this.blockSize = blockSize;
        this.transport = transport;
        this.limits = limits;
        this.log = log;
        this.onEnd = onEnd;
        this.arrays = new Spares<>(() -> new byte[blockSize], SPARE_ARRAYS);
    }

    String sid() {
        return sid;
    }

    String initiator() {
        return initiator;
    }

    /**
     * A data IQ from the initiator (the caller has checked the sender). Returns the answer, or null
     * when the acknowledgement is held back until the reader catches up.
     */
    IQ onDataIq(IbbDataIq request) {
        Rejection rejection;
        lock.lock();
        try {
            rejection = take(request.data());
            if (rejection == null) {
                IQ ack = IQ.createResultIQ(request);
                // once one acknowledgement waits, later ones wait behind it
                if (!heldAcks.isEmpty() || limits.aboveHighWater(queuedBytes, blocks.size())) {
                    heldAcks.add(ack);
                    return null;
                }
                return ack;
            }
        } finally {
            lock.unlock();
        }
        if (rejection != ENDED) {
            breakStream(rejection.reason());
        }
        return rejection.answer(request);
    }

    /** A data message from the initiator: there is nothing to answer, a bad block just closes the stream. */
    void onDataMessage(DataElement data) {
        Rejection rejection;
        lock.lock();
        try {
            rejection = take(data);
        } finally {
            lock.unlock();
        }
        if (rejection != null && rejection != ENDED) {
            breakStream(rejection.reason());
        }
    }

    /** The initiator closed the stream: the reader gets what is queued, then the end of the stream. */
    void onPeerClose() {
        List<IQ> acks;
        lock.lock();
        try {
            if (failure != null || endOfStream) {
                return;
            }
            endOfStream = true;
            // their blocks are queued and will be read: acknowledging them is true
            acks = takeHeldAcks();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        sendAll(acks);
        end();
    }

    private Rejection take(DataElement data) {
        if (failure != null || endOfStream) {
            return ENDED;
        }
        int seq = data.seq();
        if (seq < 0) {
            return new Rejection(StanzaError.Condition.bad_request, StanzaError.Type.MODIFY,
                    "seq '" + Printable.of(data.rawSeq()) + "' is not a number in 0..65535");
        }
        if (seq != expectedSeq) {
            String reason = seq == previousSeq
                    ? "block " + seq + " arrived twice"
                    : "block " + seq + " is out of sequence, expected " + expectedSeq;
            return new Rejection(StanzaError.Condition.unexpected_request, StanzaError.Type.CANCEL, reason);
        }
        byte[] array = arrays.take();
        int length;
        try {
            length = decoder.decode(data.payload(), array);
        } catch (Base64Block.RejectedException e) {
            arrays.giveBack(array);
            return e.problem() == Base64Block.Problem.TOO_LONG
                    ? new Rejection(StanzaError.Condition.resource_constraint, StanzaError.Type.MODIFY, e.getMessage())
                    : new Rejection(StanzaError.Condition.bad_request, StanzaError.Type.MODIFY, e.getMessage());
        }
        if (limits.aboveHardCap(queuedBytes + length, blocks.size() + 1)) {
            arrays.giveBack(array);
            return new Rejection(StanzaError.Condition.resource_constraint, StanzaError.Type.CANCEL,
                    "the sender is too far ahead of the reader (" + queuedBytes + " bytes unread)");
        }
        previousSeq = seq;
        expectedSeq = Ibb.nextSeq(seq);
        if (length > 0) {
            blocks.add(queued(array, length));
            queuedBytes += length;
            changed.signalAll();
        }
        return null;
    }

    /**
     * A decoded block as it waits for the reader. A block that fills less than half its array is
     * copied out, and the array kept: the queue is capped by blocks as well as bytes, and a peer that
     * sends tiny blocks must not make each hold an array of the block size.
     */
    private ByteBuffer queued(byte[] array, int length) {
        if (length >= array.length / 2) {
            return ByteBuffer.wrap(array, 0, length);
        }
        ByteBuffer small = ByteBuffer.wrap(Arrays.copyOf(array, length));
        arrays.giveBack(array);
        return small;
    }

    /** Blocks until data, the end of the stream (-1), or a failure. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        List<IQ> release;
        int n = 0;
        boolean interrupted = false;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new ClosedChannelException();
                }
                if (failure != null) {
                    throw new StreamException(failure.kind(), failure.getMessage());
                }
                if (!blocks.isEmpty()) {
                    break;
                }
                if (endOfStream) {
                    return -1;
                }
                if (!dst.hasRemaining()) {
                    return 0;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            if (!interrupted) {
                while (dst.hasRemaining() && !blocks.isEmpty()) {
                    ByteBuffer head = blocks.peek();
                    int k = Math.min(dst.remaining(), head.remaining());
                    dst.put(head.array(), head.position(), k);
                    head.position(head.position() + k);
                    n += k;
                    if (!head.hasRemaining()) {
                        blocks.poll();
                        if (head.capacity() == blockSize) {
                            arrays.giveBack(head.array());
                        }
                    }
                }
                queuedBytes -= n;
            }
            release = !heldAcks.isEmpty() && limits.belowLowWater(queuedBytes, blocks.size())
                    ? takeHeldAcks() : List.of();
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            abort();
            throw new ClosedByInterruptException();
        }
        sendAll(release);
        return n;
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closing before the end of the stream cancels it: the initiator is told to stop. */
    @Override
    public void close() {
        boolean complete;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            complete = endOfStream || failure != null;
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!complete) {
            abort();
        }
        end();
    }

    /** Tears the stream down: the initiator gets a {@code <close/>}, pending and later reads fail. */
    void abort() {
        terminate(new StreamException(StreamException.Kind.BROKEN, "the stream was aborted"), true);
    }

    /** Ends the stream because the account or the method went away. */
    void shutdown(StreamException.Kind kind, String reason, boolean tellPeer) {
        terminate(new StreamException(kind, reason), tellPeer);
    }

    private void breakStream(String reason) {
        log.warn("In-band stream {} from {}: {}; closing it.", Printable.of(sid), Printable.of(initiator), reason);
        terminate(new StreamException(StreamException.Kind.BROKEN, "in-band stream closed: " + reason), true);
    }

    /**
     * Ends the stream with a failure. The close goes out before the failure is recorded, so the
     * initiator learns of it before any item-not-found answer to a block that crossed it.
     */
    private void terminate(StreamException e, boolean tellPeer) {
        if (tellPeer && initiatorStillSending() && initiatorTold.compareAndSet(false, true)) {
            tellInitiator();
        }
        fail(e);
        end();
    }

    private boolean initiatorStillSending() {
        lock.lock();
        try {
            return failure == null && !endOfStream;
        } finally {
            lock.unlock();
        }
    }

    private void fail(StreamException e) {
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            failure = e;
            blocks.clear();
            queuedBytes = 0;
            heldAcks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<IQ> takeHeldAcks() {
        if (heldAcks.isEmpty()) {
            return List.of();
        }
        List<IQ> acks = List.copyOf(heldAcks);
        heldAcks.clear();
        return acks;
    }

    private void sendAll(List<IQ> stanzas) {
        for (IQ stanza : stanzas) {
            try {
                transport.send(stanza);
            } catch (StreamException e) {
                log.debug("In-band stream {}: cannot send an acknowledgement: {}", Printable.of(sid), e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void tellInitiator() {
        IbbClose close = IbbClose.request(sid);
        close.setTo(initiatorAddress);
        try {
            transport.send(close);
        } catch (StreamException e) {
            log.debug("In-band stream {}: cannot send the close: {}", Printable.of(sid), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }
}
