package io.sift.ibb.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jxmpp.jid.Jid;

import io.sift.common.Printable;

/**
 * Whether one account's in-band streams to a peer must carry one block at a time, decided before
 * the first block. The first of these that is known decides:
 * <ol>
 * <li>the peer broke an earlier stream by taking blocks out of sequence (learned here);</li>
 * <li>the capabilities node of a presence received from the peer, against the table;</li>
 * <li>what the peer says when asked: its disco#info identities and its software version, asked for
 * at the same time (while the stream's open is under way, so no time is lost) and remembered.</li>
 * </ol>
 * A peer that announces SIFT gets the full window whatever its identity says (see
 * {@link PeerDescription#sift()}). Everything learned is kept per full JID for {@link #KEEP}, for
 * at most {@link #MAX_PEERS} peers.
 */
final class PeerQuirks {

    static final Duration KEEP = Duration.ofMinutes(10);
    static final int MAX_PEERS = 1024;

    /** The decision and, for the log, why. */
    record Verdict(boolean oneAtATime, String why) {
    }

    private final PeerRules rules;
    private final IbbTransport transport;
    private final RecentPeers<PeerDescription> described;
    private final RecentPeers<String> outOfSequence;

    PeerQuirks(PeerRules rules, IbbTransport transport, LongSupplier nanoClock) {
        this.rules = rules;
        this.transport = transport;
        this.described = new RecentPeers<>(MAX_PEERS, KEEP, nanoClock);
        this.outOfSequence = new RecentPeers<>(MAX_PEERS, KEEP, nanoClock);
    }

    /**
     * Finds out how to send to {@code peer}. Completes at once when the answer is known already;
     * otherwise once the peer answered both questions, or each timed out after {@code timeoutMillis}.
     */
    CompletableFuture<Verdict> check(Jid peer, long timeoutMillis) {
        String key = PeerKey.of(peer);
        Optional<String> learned = outOfSequence.get(key);
        if (learned.isPresent()) {
            return decided(true, "it took blocks out of sequence before (" + learned.get() + ")");
        }
        Optional<String> caps = transport.capsNode(peer);
        if (caps.isPresent()) {
            String node = Printable.of(caps.get());
            return CompletableFuture.completedFuture(rules.matchCapsNode(caps.get())
                    .map(rule -> new Verdict(true, "its capabilities node " + node + " matches " + rule))
                    .orElseGet(() -> new Verdict(false, "its capabilities node " + node + " matches no entry")));
        }
        if (!rules.needPeerAsked()) {
            return decided(false, "nothing in the table could recognise it");
        }
        Optional<PeerDescription> known = described.get(key);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(decide(known.get()));
        }
        CompletableFuture<Optional<IQ>> disco = ask(discoInfoRequest(peer), timeoutMillis);
        CompletableFuture<Optional<IQ>> version = ask(versionRequest(peer), timeoutMillis);
        return disco.thenCombine(version, (discoAnswer, versionAnswer) -> {
            PeerDescription description = PeerDescription.of(discoAnswer, versionAnswer);
            // an error answer is an answer (nothing to match); with no answer at all, ask again next time
            if (discoAnswer.isPresent() || versionAnswer.isPresent()) {
                described.put(key, description);
            }
            return decide(description);
        });
    }

    /** {@code peer} took blocks sent in a window out of sequence: from now on, one at a time. */
    void processesOutOfSequence(Jid peer, String evidence) {
        outOfSequence.put(PeerKey.of(peer), evidence);
    }

    private Verdict decide(PeerDescription description) {
        String said = Printable.of(description.toString());
        if (description.sift()) {
            return new Verdict(false, "it is SIFT (" + said + ")");
        }
        return rules.match(description)
                .map(rule -> new Verdict(true, "it says " + said + ", which matches " + rule))
                .orElseGet(() -> new Verdict(false, "it says " + said + ", which matches no entry"));
    }

    private CompletableFuture<Optional<IQ>> ask(IQ request, long timeoutMillis) {
        return transport.request(request, timeoutMillis)
                .handle((answer, error) -> error == null ? Optional.ofNullable(answer) : Optional.empty());
    }

    private static IQ discoInfoRequest(Jid peer) {
        DiscoverInfo request = new DiscoverInfo();
        request.setType(IQ.Type.get);
        request.setTo(peer);
        return request;
    }

    private static IQ versionRequest(Jid peer) {
        Version request = new Version();
        request.setTo(peer);
        return request;
    }

    private static CompletableFuture<Verdict> decided(boolean oneAtATime, String why) {
        return CompletableFuture.completedFuture(new Verdict(oneAtATime, why));
    }
}
