package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.osgi.service.log.Logger;

import io.sift.common.Jids;
import io.sift.common.Printable;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamSession;

/**
 * The in-band streams of one account: opens streams as initiator, waits for them as target, and
 * routes the requests that arrive to the right stream by stream id and sender.
 *
 * <p>It knows the connection only through {@link IbbTransport}. The {@code handle*} methods run on
 * the connection's handler thread; a null answer means the answer is sent later.
 */
final class IbbEndpoint {

    private final String account;
    private final IbbSettings settings;
    private final FlowLimits limits;
    private final IbbTransport transport;
    private final Consumer<CodecWarmUp.Side> streamStarts;
    private final PeerQuirks quirks;
    private final Logger log;
    private final BlockLimits blockLimits = new BlockLimits();
    private final LearnedBlockSize learnedBlockSize = new LearnedBlockSize(System::nanoTime);

    // guarded by this
    private final Map<String, ExpectedStream> expected = new HashMap<>();
    private final Map<String, IbbReceiver> receivers = new HashMap<>();
    private final Map<String, IbbSender> senders = new HashMap<>();
    private StreamException.Kind shutDown;

    /**
     * @param account the account's bare JID, for log lines
     * @param oneBlockAtATime the quirk table: peers that get one block at a time
     * @param streamStarts told the side of each stream opened or accepted, before its first block
     *        (the codec's warm-up)
     */
    IbbEndpoint(String account, IbbSettings settings, PeerRules oneBlockAtATime, FlowLimits limits,
            IbbTransport transport, Consumer<CodecWarmUp.Side> streamStarts, Logger log) {
        this.account = account;
        this.streamStarts = streamStarts;
        this.settings = settings;
        this.limits = limits;
        this.transport = transport;
        this.quirks = new PeerQuirks(oneBlockAtATime, transport, System::nanoTime);
        this.log = log;
    }

    /** Opens a stream to {@code session.target()} and returns it once the target accepted it. */
    ByteStream open(StreamSession session) throws StreamException, InterruptedException {
        String sid = session.sid();
        Jid target = Jids.parse(session.target(), "target");
        synchronized (this) {
            throwIfShutDown();
            if (senders.containsKey(sid)) {
                throw new StreamException(StreamException.Kind.BROKEN, "stream id " + Printable.of(sid) + " is in use");
            }
        }
        streamStarts.accept(CodecWarmUp.Side.SENDING);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.openTimeoutMillis());
        // asked while the open is under way, so finding out what the peer is costs no time of its own
        Optional<CompletableFuture<PeerQuirks.Verdict>> check = windowMatters()
                ? Optional.of(quirks.check(target, settings.openTimeoutMillis())) : Optional.empty();
        int blockSize = OpenHandshake.open(transport, sid, target, settings, blockLimits, log);
        IbbSettings forPeer = check.isPresent() && oneAtATime(target, check.get(), deadline)
                ? settings.stopAndWait() : settings;
        IbbSender sender = new IbbSender(sid, session.target(), target, blockSize, forPeer, transport, log,
                this::senderEnded, learnedBlockSize, evidence -> quirks.processesOutOfSequence(target, evidence));
        StreamException.Kind lost;
        synchronized (this) {
            if (shutDown == null && senders.putIfAbsent(sid, sender) == null) {
                log.debug("{}: opened in-band stream {} to {} (block size {}, {}).", account, Printable.of(sid),
                        target, blockSize, settings.stanza());
                return new InitiatorStream(session, sender);
            }
            lost = shutDown != null ? shutDown : StreamException.Kind.BROKEN;
        }
        // shut down, or the same sid opened twice, while the target was answering
        sender.abort();
        throw new StreamException(lost, "the in-band stream " + Printable.of(sid) + " could not be kept");
    }

    /** Whether several blocks would be in flight at once: only then can a peer take them out of sequence. */
    private boolean windowMatters() {
        return settings.stanza() == DataStanza.IQ && settings.window() > 1;
    }

    /** Waits (until {@code deadline}, System.nanoTime) for the verdict on {@code target}. */
    private boolean oneAtATime(Jid target, CompletableFuture<PeerQuirks.Verdict> check, long deadline)
            throws InterruptedException {
        PeerQuirks.Verdict verdict;
        try {
            verdict = check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            verdict = new PeerQuirks.Verdict(false,
                    "it did not say what it is within " + settings.openTimeoutMillis() + " ms");
        } catch (ExecutionException e) {
            verdict = new PeerQuirks.Verdict(false, "what it is could not be found out: " + e.getCause());
        }
        log.debug("{}: in-band data to {} goes {}: {}.", account, target,
                verdict.oneAtATime() ? "one block at a time" : "in a window of " + settings.window(), verdict.why());
        return verdict.oneAtATime();
    }

    /** Registers the stream as expected before returning, so an open that follows at once is accepted. */
    PendingStream expect(StreamSession session) throws StreamException {
        String sid = session.sid();
        Jids.parse(session.initiator(), "initiator");
        ExpectedStream expectation = new ExpectedStream(session, this::withdraw);
        synchronized (this) {
            throwIfShutDown();
            if (expected.containsKey(sid) || receivers.containsKey(sid)) {
                throw new StreamException(StreamException.Kind.BROKEN, "stream id " + Printable.of(sid) + " is in use");
            }
            expected.put(sid, expectation);
        }
        return expectation;
    }

    IQ handleOpen(IbbOpen open) {
        String sid = open.sid();
        Jid from = open.getFrom();
        if (sid == null || open.blockSize() <= 0 || open.stanza().isEmpty()) {
            log.debug("{}: refusing a malformed in-band open from {} (sid {}, block-size {}, stanza {}).", account,
                    from, Printable.of(sid), Printable.of(open.rawBlockSize()), Printable.of(open.rawStanza()));
            return IbbErrors.badRequest(open);
        }
        ExpectedStream expectation;
        IbbReceiver receiver;
        synchronized (this) {
            expectation = expected.get(sid);
            if (expectation == null || !Jids.isSender(from, expectation.session().initiator())) {
                log.debug("{}: refusing in-band open {} from {}: {}.", account, Printable.of(sid), from,
                        receivers.containsKey(sid) ? "already open" : "not expected from this sender");
                return IbbErrors.notAcceptable(open);
            }
            if (open.blockSize() > settings.maxBlockSize()) {
                // the expectation stays: the initiator may try again with smaller blocks
                log.debug("{}: refusing in-band open {}: block size {} exceeds {}.", account, Printable.of(sid),
                        open.blockSize(), settings.maxBlockSize());
                return IbbErrors.reply(open, StanzaError.Condition.resource_constraint, StanzaError.Type.MODIFY);
            }
            expected.remove(sid);
            receiver = new IbbReceiver(sid, expectation.session().initiator(), from, open.blockSize(), transport,
                    limits, log, this::receiverEnded);
            receivers.put(sid, receiver);
        }
        streamStarts.accept(CodecWarmUp.Side.RECEIVING);
        expectation.opened(new TargetStream(expectation.session(), receiver));
        log.debug("{}: accepted in-band stream {} from {} (block size {}, {}).", account, Printable.of(sid), from,
                open.blockSize(), open.stanza().orElseThrow());
        return IQ.createResultIQ(open);
    }

    IQ handleData(IbbDataIq request) {
        String sid = request.data().sid();
        if (sid == null) {
            return IbbErrors.badRequest(request.withoutPayload());
        }
        Optional<IbbReceiver> receiver = receiver(sid, request.getFrom());
        if (receiver.isEmpty()) {
            log.debug("{}: in-band data for unknown stream {} from {}.", account, Printable.of(sid), request.getFrom());
            return IbbErrors.itemNotFound(request.withoutPayload());
        }
        return receiver.get().onDataIq(request);
    }

    /**
     * A data block in a message. Nothing can be answered: blocks for unknown streams are dropped.
     *
     * @param bounced the message is an error the server returned: one of this side's blocks was not delivered
     */
    void handleDataMessage(Jid from, DataElement data, boolean bounced) {
        String sid = data.sid();
        if (sid == null) {
            log.debug("{}: dropping an in-band data message without sid from {}.", account, from);
            return;
        }
        if (bounced) {
            sender(sid, from).ifPresent(s -> s.onBounce("the server returned it"));
            return;
        }
        Optional<IbbReceiver> receiver = receiver(sid, from);
        if (receiver.isEmpty()) {
            log.debug("{}: dropping in-band data message for unknown stream {} from {}.", account, Printable.of(sid),
                    from);
            return;
        }
        receiver.get().onDataMessage(data);
    }

    IQ handleClose(IbbClose close) {
        String sid = close.sid();
        if (sid == null) {
            return IbbErrors.badRequest(close);
        }
        Optional<IbbReceiver> receiver = receiver(sid, close.getFrom());
        if (receiver.isPresent()) {
            receiver.get().onPeerClose();
            return IQ.createResultIQ(close);
        }
        Optional<IbbSender> sender = sender(sid, close.getFrom());
        if (sender.isPresent()) {
            log.debug("{}: the target closed in-band stream {}.", account, Printable.of(sid));
            sender.get().onPeerClose();
            return IQ.createResultIQ(close);
        }
        return IbbErrors.itemNotFound(close);
    }

    /**
     * Ends every stream of the account with {@code kind}; later requests fail the same way.
     *
     * @param tellPeers send {@code <close/>} to the other ends (pointless when the connection is gone)
     */
    void shutdown(StreamException.Kind kind, String reason, boolean tellPeers) {
        List<ExpectedStream> expectations;
        List<IbbReceiver> receiving;
        List<IbbSender> sending;
        synchronized (this) {
            if (shutDown != null) {
                return;
            }
            shutDown = kind;
            expectations = new ArrayList<>(expected.values());
            receiving = new ArrayList<>(receivers.values());
            sending = new ArrayList<>(senders.values());
            expected.clear();
            receivers.clear();
            senders.clear();
        }
        expectations.forEach(e -> e.fail(new StreamException(kind, reason)));
        receiving.forEach(r -> r.shutdown(kind, reason, tellPeers));
        sending.forEach(s -> s.shutdown(kind, reason, tellPeers));
    }

    /** Streams and expectations currently known, for diagnostics and tests. */
    synchronized int activeCount() {
        return expected.size() + receivers.size() + senders.size();
    }

    private synchronized Optional<IbbReceiver> receiver(String sid, Jid from) {
        IbbReceiver r = receivers.get(sid);
        return r != null && Jids.isSender(from, r.initiator()) ? Optional.of(r) : Optional.empty();
    }

    private synchronized Optional<IbbSender> sender(String sid, Jid from) {
        IbbSender s = senders.get(sid);
        return s != null && Jids.isSender(from, s.target()) ? Optional.of(s) : Optional.empty();
    }

    private synchronized boolean withdraw(ExpectedStream expectation) {
        return expected.remove(expectation.session().sid(), expectation);
    }

    private synchronized void receiverEnded(IbbReceiver receiver) {
        receivers.remove(receiver.sid(), receiver);
    }

    private synchronized void senderEnded(IbbSender sender) {
        senders.remove(sender.sid(), sender);
    }

    private void throwIfShutDown() throws StreamException {
        if (shutDown != null) {
            throw new StreamException(shutDown, "in-band streams of " + account + " are no longer available");
        }
    }
}
