package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-band ceiling of a server: alice sends bob as many raw XEP-0047 data blocks as the file has
 * bytes, or what 20 s allow (an open, the blocks, a close; no file, no stream initiation), as IQs
 * with a window of blocks in flight or as messages, both over bare client connections on this JVM. The server relays
 * every byte of base64 and is the only part that parses XML fully, so this is what any in-band
 * transfer through it could reach. Messages are not acknowledged: the sender keeps the same window
 * by watching the receiver's count (both ends are in this process), so the server never buffers
 * more than the window.
 * <p>
 * Verified, it is the bound of a checked in-band transfer instead: the blocks are the file's, read,
 * hashed and base64-encoded as they are sent, and decoded, hashed and written to a file as they
 * arrive; both hashes must be the file's. Sender and receiver then take the CPU that any in-band
 * transfer of a checked file needs, on the same cores as the server.
 */
final class IbbCeiling implements Ceiling {

    enum Stanza { IQ, MESSAGE }

    private static final AtomicInteger RUNS = new AtomicInteger();
    /**
     * Sending stops after this long and the rate is what got through by then: on a server that is
     * slow with a block size, the ceiling need not take minutes to show it.
     */
    private static final long MAX_SENDING_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final XmppServer server;
    private final Stanza stanza;
    private final int blockSize;
    private final int window;
    /** Where a verified stream writes what it received; null for the ceiling's pre-encoded blocks. */
    private final Path work;

    IbbCeiling(XmppServer server, Stanza stanza, int blockSize, int window) {
        this(server, stanza, blockSize, window, null);
    }

    private IbbCeiling(XmppServer server, Stanza stanza, int blockSize, int window, Path work) {
        this.server = server;
        this.stanza = stanza;
        this.blockSize = blockSize;
        this.window = window;
        this.work = work;
    }

    /** The bound of a checked transfer: the file's blocks, encoded, decoded and hashed at both ends. */
    static IbbCeiling verified(XmppServer server, Stanza stanza, int blockSize, int window, Path work) {
        return new IbbCeiling(server, stanza, blockSize, window, work);
    }

    @Override
    public String label() {
        String shape = (stanza == Stanza.IQ ? "iq " : "message ") + blockSize + " x" + window;
        return work == null ? "ceiling: " + shape : "bound: " + shape + " + base64 and SHA-256 both ends";
    }

    @Override
    public Role role() {
        return work == null ? Role.CEILING : Role.BOUND;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        long size = Files.size(file);
        String run = "blast-" + RUNS.incrementAndGet();
        if (work == null) {
            InBandBlocks blocks = new InBandBlocks(size, blockSize);
            return stream(blocks, blocks::check, run, size);
        }
        Path received = work.resolve(run + ".received");
        try (FileBlocks source = new FileBlocks(file, blockSize); DecodedFile sink = new DecodedFile(received)) {
            Measurement m = stream(source, sink, run, size);
            String sent = source.sha256();
            if (!sink.sha256().equals(sent)) {
                throw new BenchFailure(label() + ": the bytes written differ from the bytes read");
            }
            if (m.bytes() == size && !sent.equals(sha)) {
                throw new BenchFailure(label() + ": the file's SHA-256 changed while the bench ran");
            }
            return m;
        } finally {
            Files.deleteIfExists(received);
        }
    }

    private Measurement stream(InBandSource blocks, InBandReceiver.Payload payload, String run, long size)
            throws IOException, InterruptedException, BenchFailure {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90 + size / (1L << 20));
        try (XmppLink alice = XmppLink.login(server.xmppPort(), Peers.DOMAIN, "alice", "alice-secret", run);
                XmppLink bob = XmppLink.login(server.xmppPort(), Peers.DOMAIN, "bob", "bob-secret", run)) {
            InBandReceiver receiver = new InBandReceiver(bob, payload, run);
            Answers answers = new Answers(alice);
            daemon(receiver, "in-band receiver");
            daemon(answers, "in-band answers");
            try {
                return blast(alice, bob.jid(), blocks, run, receiver, answers, deadline);
            } finally {
                receiver.stop();
                answers.stop();
            }
        }
    }

    private Measurement blast(XmppLink alice, String to, InBandSource blocks, String sid, InBandReceiver receiver,
            Answers answers, long deadline) throws IOException, InterruptedException, BenchFailure {
        String kind = stanza == Stanza.IQ ? "iq" : "message";
        alice.send("<iq type='set' id='open' to='" + to + "'><open xmlns='" + InBandReceiver.NS + "' block-size='"
                + blockSize + "' sid='" + sid + "' stanza='" + kind + "'/></iq>");
        answers.await("open", deadline);
        // IQ blocks count when their acknowledgement is back; message blocks when the receiver has them
        Progress done = stanza == Stanza.IQ ? answers.acknowledged() : receiver.received();
        StanzaBuffer out = new StanzaBuffer(blocks.maxBase64Length() + 512);
        double serverBefore = server.cpuSeconds();
        double ownBefore = ProcStat.thisProcessCpuSeconds();
        long start = System.nanoTime();
        long sent = 0;
        for (long i = 0; i < blocks.count() && System.nanoTime() - start < MAX_SENDING_NANOS; i++) {
            // at most `window` blocks on their way
            done.await(i - window + 1, deadline, label() + ", blocks through");
            String id = stanza == Stanza.IQ ? " type='set' id='d" + i + "'" : " id='d" + i + "'";
            out.start("<" + kind + id + " to='" + to + "'><data xmlns='" + InBandReceiver.NS + "' seq='" + (i & 0xffff)
                    + "' sid='" + sid + "'>").append(blocks.base64(i)).append("</data></" + kind + ">");
            alice.send(out.bytes(), out.length());
            sent++;
        }
        done.await(sent, deadline, label() + ", blocks through");
        long millis = Math.max(1, (done.lastNanos() - start) / 1_000_000);
        double serverCpu = server.cpuSeconds() - serverBefore;
        double own = ProcStat.thisProcessCpuSeconds() - ownBefore;
        receiver.received().await(sent, deadline, label() + ", blocks received");
        alice.send("<iq type='set' id='close' to='" + to + "'><close xmlns='" + InBandReceiver.NS + "' sid='" + sid
                + "'/></iq>");
        answers.await("close", deadline);
        return new Measurement(blocks.bytes(sent), millis, Double.NaN, own + serverCpu, serverCpu, -1, 0);
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** A reusable stanza buffer: one write per stanza, no copying of the block beyond one arraycopy. */
    private static final class StanzaBuffer {
        private final byte[] bytes;
        private int length;

        StanzaBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        StanzaBuffer start(String text) {
            length = 0;
            return append(text.getBytes(StandardCharsets.US_ASCII));
        }

        StanzaBuffer append(String text) {
            return append(text.getBytes(StandardCharsets.US_ASCII));
        }

        StanzaBuffer append(byte[] more) {
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }
    }

    /** The sender's incoming side: counts data acknowledgements, hands out the other answers by id. */
    private static final class Answers implements Runnable {
        private final XmppLink link;
        private final Progress acknowledged = new Progress();
        private final Map<String, CompletableFuture<Element>> byId = new ConcurrentHashMap<>();
        private volatile boolean stopped;
        private volatile BenchFailure failure;

        Answers(XmppLink link) {
            this.link = link;
        }

        Progress acknowledged() {
            return acknowledged;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    Element e = link.read();
                    if (e.name().equals("stream:error")) {
                        throw new BenchFailure("stream error at the sender: " + e.shortText());
                    }
                    if (!e.name().equals("iq") && !e.name().equals("message")) {
                        continue;
                    }
                    String id = e.attribute("id").orElse("");
                    if (e.attribute("type").map("error"::equals).orElse(false)) {
                        throw new BenchFailure("the server or receiver refused " + id + ": " + e.shortText());
                    }
                    if (id.startsWith("d") && e.name().equals("iq")) {
                        acknowledged.advance();
                    } else {
                        future(id).complete(e);
                    }
                }
            } catch (BenchFailure f) {
                fail(f);
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    fail(new BenchFailure("in-band sender: " + e));
                }
            }
        }

        private void fail(BenchFailure f) {
            failure = f;
            acknowledged.fail(f);
            byId.values().forEach(answer -> answer.completeExceptionally(f));
        }

        /** The answer to come for this id; already failed when the sender's side has failed. */
        private CompletableFuture<Element> future(String id) {
            CompletableFuture<Element> answer = byId.computeIfAbsent(id, k -> new CompletableFuture<>());
            BenchFailure failed = failure;
            if (failed != null) {
                answer.completeExceptionally(failed);
            }
            return answer;
        }

        void await(String id, long deadline) throws BenchFailure, InterruptedException {
            try {
                future(id).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof BenchFailure f ? f : new BenchFailure(id + ": " + e.getCause());
            } catch (TimeoutException e) {
                throw new BenchFailure("no answer to the in-band " + id + " in time");
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
