package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one transfer (or several at once) between two peer processes: bob receives, alice (SIFT)
 * or carol (Smack) sends, against the bench's own Prosody, everything on 127.0.0.1.
 */
final class Peers {

    static final String DOMAIN = "localhost";
    private static final Duration READY = Duration.ofSeconds(60);
    /** Exit status of both the SIFT runtime and smack-peer when the account did not get online. */
    private static final int LOGIN_FAILED = 3;

    private final Path project;
    private final Path work;
    private final int xmppPort;
    private final Prosody prosody;
    private final List<String> jvmFlags;
    private int runNumber;

    /** jvmFlags: for every peer JVM, e.g. quick mode's cheaper start-up. */
    Peers(Path project, Path work, int xmppPort, Prosody prosody, List<String> jvmFlags) {
        this.project = project;
        this.work = work;
        this.xmppPort = xmppPort;
        this.prosody = prosody;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /**
     * Sends every file at once (their names differ) and checks each received copy against the
     * expected SHA-256. The time is the span from the earliest offer to the last file's end, taken
     * from the receiver's per-transfer milliseconds and the received files' modification times.
     */
    Measurement run(Variant variant, List<Path> files, String expectedSha) throws IOException, InterruptedException,
            BenchFailure {
        int run = ++runNumber;
        Path dir = work.resolve("run-" + run);
        Path into = Files.createDirectories(dir.resolve("received"));
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        // generous: even 1 MiB/s gets there, and a stuck run still ends by itself
        Duration limit = Duration.ofSeconds(90 + total / (1L << 20));
        double serverBefore = prosody.cpuSeconds();
        try (PeerProcess receiver = PeerProcess.start("receiver", receiver(variant, dir, into, files.size(), limit),
                dir)) {
            if (!receiver.awaitLine(variant.sift() ? "Ready:" : "READY ", READY)) {
                throw new BenchFailure(variant.label() + ": the receiver did not get ready; see "
                        + receiver.stderrFile());
            }
            receiver.startUpEndsNow();
            List<PeerProcess> senders = new ArrayList<>();
            try {
                for (int i = 0; i < files.size(); i++) {
                    senders.add(PeerProcess.start("sender-" + i, sender(variant, dir, i, files.get(i), limit), dir));
                }
                int status = awaitAll(variant, receiver, senders, dir, files, limit);
                if (status != 0) {
                    throw new BenchFailure(variant.label() + ": the receiver exited with " + status + "; see "
                            + receiver.stderrFile());
                }
                Measurement m = measure(variant, receiver, senders, into, files.size(), expectedSha,
                        variant.countsServerCpu() ? prosody.cpuSeconds() - serverBefore : 0);
                deleteTree(dir);
                return m;
            } finally {
                senders.forEach(PeerProcess::close);
            }
        }
    }

    /**
     * Waits for the receiver while watching the senders: a sender that could not log in (many JVMs
     * starting at once on few cores can miss a login's reply timeout) starts again, up to twice;
     * any other failure ends the run at once instead of at the receiver's time limit.
     */
    private int awaitAll(Variant variant, PeerProcess receiver, List<PeerProcess> senders, Path dir,
            List<Path> files, Duration limit) throws IOException, InterruptedException, BenchFailure {
        int[] retries = new int[senders.size()];
        long deadline = System.nanoTime() + limit.plusSeconds(30).toNanos();
        while (receiver.isAlive()) {
            if (System.nanoTime() - deadline > 0) {
                throw new BenchFailure(variant.label() + ": the receiver did not finish within "
                        + limit.plusSeconds(30).toSeconds() + " s; see " + receiver.stderrFile());
            }
            for (int i = 0; i < senders.size(); i++) {
                PeerProcess s = senders.get(i);
                if (s.isAlive() || s.exitStatus() == 0) {
                    continue;
                }
                if (s.exitStatus() == LOGIN_FAILED && retries[i] < 2) {
                    retries[i]++;
                    senders.set(i, PeerProcess.start("sender-" + i + "-retry" + retries[i],
                            sender(variant, dir, i, files.get(i), limit), dir));
                    continue;
                }
                throw new BenchFailure(variant.label() + ": " + s.name() + " exited with " + s.exitStatus()
                        + "; see " + s.stderrFile());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        for (PeerProcess s : senders) {
            int sent = s.await(Duration.ofSeconds(60));
            if (sent != 0) {
                throw new BenchFailure(variant.label() + ": " + s.name() + " exited with " + sent + "; see "
                        + s.stderrFile());
            }
        }
        return receiver.await(Duration.ofSeconds(10));
    }

    private Measurement measure(Variant variant, PeerProcess receiver, List<PeerProcess> senders, Path into,
            int count, String expectedSha, double serverCpu) throws IOException, BenchFailure {
        List<TransferLine> received = new ArrayList<>();
        for (String line : receiver.stdoutLines()) {
            (variant.sift() ? TransferLine.ofSift(line) : TransferLine.ofSmack(line)).ifPresent(received::add);
        }
        if (received.size() != count || received.stream().anyMatch(t -> !t.complete())) {
            throw new BenchFailure(variant.label() + ": " + received.size() + " of " + count
                    + " transfers reported, not all complete; see " + receiver.stderrFile());
        }
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        long bytes = 0;
        List<Path> arrived;
        try (var listing = Files.list(into)) {
            arrived = listing.filter(Files::isRegularFile).toList();
        }
        if (arrived.size() != count) {
            throw new BenchFailure(variant.label() + ": " + arrived.size() + " files arrived, expected " + count);
        }
        for (Path file : arrived) {
            String sha = Sha256.of(file);
            if (!sha.equals(expectedSha)) {
                throw new BenchFailure(variant.label() + ": SHA-256 mismatch for " + file + ": " + sha + " != "
                        + expectedSha);
            }
            bytes += Files.size(file);
        }
        // each transfer ended when its file was last written, and began its own millis before that
        for (TransferLine t : received) {
            Path file = into.resolve(t.name());
            if (!file.normalize().getParent().equals(into) || !Files.isRegularFile(file)) {
                throw new BenchFailure(variant.label() + ": the receiver reported '" + t.name()
                        + "', which is not among the received files");
            }
            long end = count == 1 ? t.millis() : Files.getLastModifiedTime(file).toMillis();
            lastEnd = Math.max(lastEnd, end);
            firstStart = Math.min(firstStart, end - t.millis());
        }
        double ttfb = Double.NaN;
        double cpu = receiver.cpuSeconds() + serverCpu;
        long heap = heapOf(receiver);
        long rss = receiver.peakRssBytes();
        for (PeerProcess s : senders) {
            cpu += s.cpuSeconds();
            heap = Math.max(heap, heapOf(s));
            rss = Math.max(rss, s.peakRssBytes());
            if (variant.sift() && count == 1) {
                for (String line : s.stdoutLines()) {
                    Optional<Long> first = TransferLine.ofSift(line).flatMap(TransferLine::ttfbMillis);
                    if (first.isPresent()) {
                        ttfb = first.get();
                    }
                }
            }
        }
        return new Measurement(bytes, Math.max(1, lastEnd - firstStart), ttfb, cpu, heap, rss);
    }

    private static long heapOf(PeerProcess p) throws IOException {
        for (String line : p.stderrLines()) {
            if (line.startsWith("peak-heap-bytes\t") && line.substring(16).matches("\\d{1,18}")) {
                return Long.parseLong(line.substring(16));
            }
        }
        return -1;
    }

    private List<String> receiver(Variant v, Path dir, Path into, int count, Duration limit) throws IOException {
        List<String> cmd = java(v);
        if (v.sift()) {
            cmd.addAll(List.of("-jar", siftJar().toString(), "--etc", etc(v, dir, "bob", "bench").toString(),
                    "--report-memory", "receive", "--into", into.toString(), "--count", Integer.toString(count),
                    "--timeout", Long.toString(limit.toSeconds())));
        } else {
            cmd.addAll(List.of("-jar", smackJar().toString(), "receive", "--jid", "bob@" + DOMAIN, "--password",
                    "bob-secret", "--host", "127.0.0.1", "--port", Integer.toString(xmppPort), "--resource", "smack",
                    "--into", into.toString(), "--count", Integer.toString(count), "--timeout",
                    Long.toString(limit.toSeconds())));
        }
        return cmd;
    }

    private List<String> sender(Variant v, Path dir, int index, Path file, Duration limit) throws IOException {
        List<String> cmd = java(v);
        if (v.sift()) {
            // every sender its own resource: two logins with one resource would throw each other out
            cmd.addAll(List.of("-jar", siftJar().toString(), "--etc",
                    etc(v, dir, "alice", "bench" + index).toString(), "--report-memory", "send", "bob@" + DOMAIN,
                    file.toString(), "--wait-peer", "20"));
            v.method().ifPresent(m -> cmd.addAll(List.of("--method", m)));
        } else {
            cmd.addAll(List.of("-jar", smackJar().toString(), "send", "--jid", "carol@" + DOMAIN, "--password",
                    "carol-secret", "--host", "127.0.0.1", "--port", Integer.toString(xmppPort), "--resource",
                    "smack" + index, "--to", "bob@" + DOMAIN + "/smack", "--file", file.toString(), "--timeout",
                    Long.toString(limit.toSeconds())));
            cmd.addAll(v.smackFlags());
        }
        return cmd;
    }

    private List<String> java(Variant v) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        v.maxHeap().ifPresent(h -> cmd.add("-Xmx" + h));
        return cmd;
    }

    private Path etc(Variant v, Path dir, String user, String resource) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc-" + user + "-" + resource));
        Files.writeString(etc.resolve("io.sift.connection-" + user + ".cfg"), String.join("\n",
                "jid = " + user + "@" + DOMAIN,
                "password = " + user + "-secret",
                "host = 127.0.0.1",
                "port = " + xmppPort,
                "securityMode = DISABLED",
                "resource = " + resource,
                ""), StandardCharsets.UTF_8);
        // both peers are on this host: the direct streamhost listens and is offered on loopback only
        Files.writeString(etc.resolve("io.sift.socks5.cfg"), String.join("\n",
                "bindAddress = 127.0.0.1",
                "advertisedAddresses = 127.0.0.1",
                "directEnabled = " + v.directStreamhost(),
                ""), StandardCharsets.UTF_8);
        return etc;
    }

    private Path siftJar() {
        return project.resolve("runtime/target/sift.jar");
    }

    private Path smackJar() {
        return project.resolve("tools/smack-peer/target/smack-peer-0.1.0-SNAPSHOT.jar");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
