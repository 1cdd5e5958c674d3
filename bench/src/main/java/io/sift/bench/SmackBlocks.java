package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-band blocks through Smack's IQ API: two fresh smack-peer processes, {@code blocks-send} and
 * {@code blocks-receive}, move the file as bare XEP-0047 data IQs in SIFT's default shape (65535-byte
 * blocks, 64 unanswered), each end hashing every byte, the sender base64-encoding and the receiver
 * decoding and writing. No stream initiation and no file-transfer protocol: what any client built on
 * Smack pays to put a checked file through the server in that shape, from fresh processes as the
 * case's transfers start. Between this row and the raw bound lies Smack's own work per stanza
 * (serialising, parsing, dispatching) and the compiler's first minutes of it; SIFT runs on the same
 * library. Shown, not a ceiling: the rows' ratios stay against the raw limits.
 *
 * <p>{@link #warm} is the same pair of processes after three streams of the file: only the fourth is
 * measured, its CPU from its open to its end at both peers and at the server. Its sender takes every
 * answer with one listener rather than Smack's request per block (a reply filter, collector and
 * timeout each), so the row is what a running client on Smack pays for the stanzas themselves.
 */
final class SmackBlocks implements Ceiling {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Duration READY = Duration.ofSeconds(60);
    private static final String RESOURCE = "blocks";
    /** Streams of {@link #warm}: three to warm the processes up, the last one measured. */
    static final int WARM_STREAMS = 4;

    private final Peers peers;
    private final XmppServer server;
    private final Path work;
    private final int blockSize;
    private final int window;
    private final int streams;

    private SmackBlocks(Peers peers, XmppServer server, Path work, int blockSize, int window, int streams) {
        this.peers = peers;
        this.server = server;
        this.work = work;
        this.blockSize = blockSize;
        this.window = window;
        this.streams = streams;
    }

    /** Fresh processes, one stream through Smack's request per block; peers: logging in to server. */
    static SmackBlocks cold(Peers peers, XmppServer server, Path work, int blockSize, int window) {
        return new SmackBlocks(peers, server, work, blockSize, window, 1);
    }

    /** The last of {@link #WARM_STREAMS} streams between the same processes, answers taken by one listener. */
    static SmackBlocks warm(Peers peers, XmppServer server, Path work, int blockSize, int window) {
        return new SmackBlocks(peers, server, work, blockSize, window, WARM_STREAMS);
    }

    @Override
    public String label() {
        return "Smack IQ API" + (streams > 1 ? " warm, one listener" : "") + ": iq " + blockSize + " x" + window
                + " + base64 and SHA-256 both ends";
    }

    @Override
    public Role role() {
        return Role.SHOWN;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        long size = Files.size(file);
        Path dir = Files.createDirectories(work.resolve("smack-blocks-" + RUNS.incrementAndGet()));
        Path into = dir.resolve("received.bin");
        Duration limit = Duration.ofSeconds(120 + size / (1L << 20));
        Duration all = limit.multipliedBy(streams);
        try (PeerProcess receiver = PeerProcess.start("blocks-receive", peers.smackPeer(List.of("blocks-receive",
                "--jid", "bob@" + Peers.DOMAIN, "--password", "bob-secret", "--resource", RESOURCE,
                "--into", into.toString(), "--streams", Integer.toString(streams),
                "--timeout", Long.toString(limit.toSeconds()))), dir)) {
            if (!receiver.awaitLine("READY", READY)) {
                throw new BenchFailure(label() + ": the receiver did not get online; see " + receiver.stderrFile());
            }
            if (streams == 1) {
                receiver.startUpEndsNow(); // else the receiver's CPU line at the last stream's open counts
            }
            double serverBefore = server.cpuSeconds();
            List<String> sendArgs = new ArrayList<>(List.of("blocks-send",
                    "--jid", "alice@" + Peers.DOMAIN, "--password", "alice-secret", "--resource", RESOURCE,
                    "--to", "bob@" + Peers.DOMAIN + "/" + RESOURCE, "--file", file.toString(),
                    "--ibb-block-size", Integer.toString(blockSize), "--window", Integer.toString(window),
                    "--streams", Integer.toString(streams), "--timeout", Long.toString(limit.toSeconds())));
            if (streams > 1) {
                sendArgs.add("--one-listener");
            }
            try (PeerProcess sender = PeerProcess.start("blocks-send", peers.smackPeer(sendArgs), dir)) {
                if (streams > 1) {
                    // the server's CPU from the last stream's open on
                    if (!receiver.awaitLine(PeerProcess.CPU_AT_OFFER_MARK, all)) {
                        throw new BenchFailure(label() + ": the last stream never opened; see " + sender.stderrFile()
                                + " and " + receiver.stderrFile());
                    }
                    serverBefore = server.cpuSeconds();
                }
                sender.await(all);
                double serverCpu = server.cpuSeconds() - serverBefore;
                // a sender that failed leaves the receiver waiting for a close until its own time is up
                Map<String, String> sent = lastBlocksLine(sender);
                receiver.await(limit);
                Map<String, String> received = lastBlocksLine(receiver);
                long bytes = Long.parseLong(sent.get("bytes"));
                if (bytes != size || !sha.equals(sent.get("sha256")) || !sha.equals(received.get("sha256"))) {
                    throw new BenchFailure(label() + ": sent " + bytes + " bytes of " + size + ", SHA-256 read "
                            + sent.get("sha256") + ", written " + received.get("sha256") + ", the file's " + sha);
                }
                double cpu = sender.cpuSeconds() + receiver.cpuSeconds() + serverCpu;
                return new Measurement(bytes, Math.max(1, Long.parseLong(sent.get("millis"))), Double.NaN, cpu,
                        serverCpu, -1, Math.max(sender.peakRssBytes(), receiver.peakRssBytes()));
            }
        } finally {
            Files.deleteIfExists(into);
        }
    }

    /**
     * The peer's last BLOCKS line as key=value pairs; a BenchFailure unless it printed one per stream and
     * each says complete.
     */
    private Map<String, String> lastBlocksLine(PeerProcess peer) throws IOException, BenchFailure {
        List<String> lines = peer.stdoutLines().stream().filter(l -> l.startsWith("BLOCKS ")).toList();
        if (lines.size() != streams) {
            throw new BenchFailure(label() + ": " + peer.name() + " ended (status " + peer.exitStatus() + ") with "
                    + lines.size() + " BLOCKS lines of " + streams + "; see " + peer.stderrFile());
        }
        Map<String, String> last = null;
        for (String line : lines) {
            last = complete(line).orElseThrow(() -> new BenchFailure(label() + ": " + peer.name() + " said " + line));
        }
        return last;
    }

    /**
     * The fields of a BLOCKS line of a complete stream, with its byte count and time as numbers; empty
     * for any other line.
     */
    static Optional<Map<String, String>> complete(String line) {
        if (!line.startsWith("BLOCKS ")) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring("BLOCKS ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        boolean complete = "complete".equals(fields.get("status"))
                && fields.getOrDefault("bytes", "").matches("\\d{1,18}")
                && fields.getOrDefault("millis", "").matches("\\d{1,18}")
                && fields.getOrDefault("sha256", "").matches("[0-9a-f]{64}");
        return complete ? Optional.of(fields) : Optional.empty();
    }
}
