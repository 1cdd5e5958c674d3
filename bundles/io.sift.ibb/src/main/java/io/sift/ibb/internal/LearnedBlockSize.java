package io.sift.ibb.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jxmpp.jid.Jid;

/**
 * The block-size probes this account's adaptive streams have timed, per peer and window, kept for a
 * while. The best size depends on the path (the servers' read sizes) and on the window, not on the
 * file, so a stream carries on where the earlier ones to the same peer with the same window stopped:
 * once every candidate has been timed, streams start at the fastest at once. Without this, a small
 * file would be sent entirely in the slow first probe, and so would the next one. The bytes such
 * streams then send in the fastest size add up, so that every size is timed again once they come to
 * {@link ChunkSizer#CONFIRM_AFTER} together, as within one long stream; once every size has been
 * timed again, later streams go on in the fastest without timing. After {@link #KEEP} the probes
 * start afresh, in case the server or the path changed.
 *
 * <p>Timings are kept per peer (its bare JID) because they are paced by the peer's
 * acknowledgements: a peer that acknowledges some sizes late can make any size look fastest, and
 * what it does must decide only its own streams, never those to other peers.
 */
final class LearnedBlockSize {

    static final Duration KEEP = Duration.ofMinutes(10);
    /** Peer and window pairs remembered at most; the one used least recently goes first. */
    static final int MAX_PATHS = 1024;

    private static final class Probes {
        final Map<Integer, Double> bytesPerNano = new HashMap<>();
        /** Sent in the fastest size since the sizes were timed, until the sizes are timed again. */
        long settled;
        final Set<Integer> timedAgain = new HashSet<>();
        boolean confirmed;
    }

    private final RecentPeers<Probes> byPath; // the probes are guarded by this

    LearnedBlockSize(LongSupplier nanoClock) {
        this.byPath = new RecentPeers<>(MAX_PATHS, KEEP, nanoClock);
    }

    /**
     * What streams to {@code peer} with {@code window} timed, while fresh: block size to rate (bytes
     * per nanosecond), and until the sizes have all been timed again, the bytes sent in the fastest
     * size since they were timed and the sizes timed again so far; after that, that they have.
     */
    synchronized ChunkSizer.Earlier forStreams(Jid peer, int window) {
        Probes probes = byPath.get(path(peer, window)).orElse(null);
        if (probes == null) {
            return ChunkSizer.Earlier.NONE;
        }
        boolean over = probes.confirmed;
        return new ChunkSizer.Earlier(Map.copyOf(probes.bytesPerNano), over ? 0 : probes.settled,
                over ? Set.of() : Set.copyOf(probes.timedAgain), over);
    }

    /** Where a stream to {@code peer} with {@code window} reports its timings and what it sent after them. */
    ChunkSizer.ProbeResults recorder(Jid peer, int window) {
        String path = path(peer, window);
        return new ChunkSizer.ProbeResults() {
            @Override
            public void measured(int size, double bytesPerNano) {
                LearnedBlockSize.this.measured(path, size, bytesPerNano);
            }

            @Override
            public void settled(long bytes) {
                whileFresh(path, probes -> probes.settled += bytes);
            }

            @Override
            public void timedAgain(int size) {
                whileFresh(path, probes -> probes.timedAgain.add(size));
            }

            @Override
            public void confirmed(int chosen) {
                whileFresh(path, probes -> probes.confirmed = true);
            }
        };
    }

    /** A stream on {@code path} moved {@code rate} bytes per nanosecond in blocks of {@code size}. */
    private synchronized void measured(String path, int size, double rate) {
        Probes probes = byPath.get(path).orElse(null);
        if (probes == null) {
            probes = new Probes();
            byPath.put(path, probes);
        }
        probes.bytesPerNano.put(size, rate);
    }

    /** Changes the record of {@code path}'s timings, unless they have been forgotten. */
    private synchronized void whileFresh(String path, Consumer<Probes> change) {
        byPath.get(path).ifPresent(change);
    }

    /** The peer's bare JID (its resources share its timings) and the window; no bare JID holds a space. */
    private static String path(Jid peer, int window) {
        return PeerKey.of(peer.asBareJid()) + " " + window;
    }
}
