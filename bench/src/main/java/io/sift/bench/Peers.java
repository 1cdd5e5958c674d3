package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one transfer (or several at once) between two peer processes: bob receives, alice (SIFT)
 * or carol (Smack) sends, against one of the bench's own servers, everything on 127.0.0.1.
 */
final class Peers {

    /** What a server may spend on a run whose bytes go direct: logins and offers. */
    static final double DIRECT_SERVER_SECONDS = 0.5;
    static final double DIRECT_SERVER_SECONDS_PER_GIB = 1.0;
    static final String DOMAIN = "localhost";
    private static final Duration READY = Duration.ofSeconds(60);
    /** Exit status of both the SIFT runtime and smack-peer when the account did not get online. */
    private static final int LOGIN_FAILED = 3;

    private final Path project;
    private final Path work;
    private final int xmppPort;
    private final XmppServer server;
    private final List<String> jvmFlags;
    /** Samples every peer's CPU when the bench runs with --profile; else null. */
    private final Profiler profiler;
    /** Shared by the peers of every server: each run gets a folder of its own. */
    private final AtomicInteger runNumber;
    private final AtomicInteger senderNumber;
    /** The SIFT commands (send, receive) launched so far: the first launch of each records its archive. */
    private final Set<String> launchedCommands;

    /**
     * jvmFlags: for every peer JVM, e.g. quick mode's cheaper start-up; profiler: null, or what samples
     * every peer's CPU. Runs need a server: {@link #on}.
     */
    Peers(Path project, Path work, List<String> jvmFlags, Profiler profiler) {
        this(project, work, null, jvmFlags, profiler, new AtomicInteger(), new AtomicInteger(),
                ConcurrentHashMap.newKeySet());
    }

    private Peers(Path project, Path work, XmppServer server, List<String> jvmFlags, Profiler profiler,
            AtomicInteger runNumber, AtomicInteger senderNumber, Set<String> launchedCommands) {
        this.project = project;
        this.work = work;
        this.xmppPort = server == null ? -1 : server.xmppPort();
        this.server = server;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.profiler = profiler;
        this.runNumber = runNumber;
        this.senderNumber = senderNumber;
        this.launchedCommands = launchedCommands;
    }

    /** The same peers, logging in to another server. */
    Peers on(XmppServer other) {
        return new Peers(project, work, other, jvmFlags, profiler, runNumber, senderNumber, launchedCommands);
    }

    /**
     * The same peers, every JVM started with these flags after the bench's own: e.g. without the
     * optimizing compiler, to show how much of a cold run is that compiler's work.
     */
    Peers withJvmFlags(String... more) {
        List<String> flags = new ArrayList<>(jvmFlags);
        flags.addAll(List.of(more));
        return new Peers(project, work, server, flags, profiler, runNumber, senderNumber, launchedCommands);
    }

    XmppServer server() {
        return server;
    }

    /** How a sender offers several files. */
    enum Mode {
        /** All at once: the concurrency case. */
        TOGETHER,
        /**
         * One after the other in the same two processes: the first transfer pays for a cold JVM
         * (class loading, interpreter), the later ones show what a long-running service sees.
         */
        ONE_BY_ONE
    }

    /**
     * Sends the files from one sender process and checks each received copy against the expected
     * SHA-256. TOGETHER: the time is the span from the earliest offer to the last file's end, taken
     * from the receiver's per-transfer milliseconds and the received files' modification times.
     * ONE_BY_ONE: the time, first-byte time and bytes are one file's, the median of every file after
     * the first (which {@link #run} with a single file measures).
     */
    Measurement run(Variant variant, List<Path> files, String expectedSha, Mode mode) throws IOException,
            InterruptedException, BenchFailure {
        int run = runNumber.incrementAndGet();
        Path dir = work.resolve("run-" + run);
        Path into = Files.createDirectories(dir.resolve("received"));
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        Duration limit = limitFor(total);
        settle(files);
        double serverBefore = server.cpuSeconds();
        try (PeerProcess receiver = PeerProcess.start("receiver",
                receiver(variant, dir, into, files.size(), limit, recording(run, "receiver")), dir)) {
            if (!receiver.awaitLine(variant.sift() ? "Ready:" : "READY ", READY)) {
                throw new BenchFailure(variant.label() + ": the receiver did not get ready; see "
                        + receiver.stderrFile());
            }
            receiver.startUpEndsNow();
            // the sender that runs now: a retried login replaces it
            PeerProcess[] sender = {startSender(variant, dir, files, mode, limit)};
            try {
                awaitBoth(variant, receiver, sender, () -> startSender(variant, dir, files, mode, limit), limit);
                double serverCpu = server.cpuSeconds() - serverBefore;
                if (!variant.countsServerCpu()) {
                    // printed before the run's own line: it names the implementation
                    throughServer(variant.label(), serverCpu, total).ifPresent(System.out::println);
                }
                Measurement m = measure(variant, receiver, sender[0], into, files, expectedSha, mode,
                        variant.countsServerCpu() ? serverCpu : Double.NaN);
                if (profiler != null) {
                    printProfiles(variant, receiver, sender[0], into, run);
                }
                deleteTree(dir);
                return m;
            } finally {
                sender[0].close();
            }
        }
    }

    /**
     * A line for a run whose bytes were to go direct but whose server worked as if it had carried
     * them: more than {@value #DIRECT_SERVER_SECONDS} s of CPU and more than
     * {@value #DIRECT_SERVER_SECONDS_PER_GIB} s per GiB moved. Offers and logins take a server a few
     * hundredths of a second; relaying through its SOCKS5 proxy takes it several seconds per GiB.
     * Without it, a run that fell back to the proxy would only look slow.
     */
    static Optional<String> throughServer(String label, double serverCpuSeconds, long bytes) {
        double perGib = serverCpuSeconds / (bytes / (double) (1L << 30));
        if (serverCpuSeconds > DIRECT_SERVER_SECONDS && perGib > DIRECT_SERVER_SECONDS_PER_GIB) {
            return Optional.of(String.format(Locale.ROOT, "    %s: the server took %.1f s of CPU (%.1f s/GiB) in this"
                    + " run, as if streams went through its proxy rather than direct", label, serverCpuSeconds,
                    perGib));
        }
        return Optional.empty();
    }

    /**
     * How long a run may take: generous, so that even 1 MiB/s gets there, and a small file even at
     * 0.1 MiB/s (Smack's in-band stream through ejabberd moves about 0.2 MiB/s, less in a cold JVM);
     * and bounded, so that a stuck run still ends by itself.
     */
    static Duration limitFor(long bytes) {
        long mib = bytes / (1L << 20);
        return Duration.ofSeconds(90 + Math.max(mib, Math.min(600, 10 * mib)));
    }

    /** Starts a sender process. */
    private interface SenderStart {
        PeerProcess start() throws IOException;
    }

    private PeerProcess startSender(Variant variant, Path dir, List<Path> files, Mode mode, Duration limit)
            throws IOException {
        String name = "sender-" + senderNumber.incrementAndGet();
        return PeerProcess.start(name, sender(variant, dir, files, mode, limit,
                recording(runNumber.get(), name)), dir);
    }

    /** Where a peer's CPU samples go when the bench profiles; null when it does not. */
    private Path recording(int run, String peer) {
        return profiler == null ? null : profiler.recording(run, peer);
    }

    /** Where each peer's CPU went from the first offer to the last end, one line each. */
    private void printProfiles(Variant variant, PeerProcess receiver, PeerProcess sender, Path into, int run)
            throws IOException {
        Span span = span(lines(variant, receiver), into);
        Instant from = Instant.ofEpochMilli(span.from());
        Instant to = Instant.ofEpochMilli(span.to());
        for (PeerProcess peer : List.of(sender, receiver)) {
            Path recording = recording(run, peer.name());
            String summary;
            try {
                // the agent writes its recording as the JVM exits, which it has by now
                summary = CpuProfile.read(recording, from, to, Profiler.INTERVAL.toNanos()).summary();
            } catch (IOException e) {
                // a profile is an aid: an unreadable one leaves the run's measurement as it is
                String why = String.valueOf(e.getMessage());
                summary = "no profile (" + (why.contains(recording.toString()) ? why : recording + ": " + why) + ")";
            }
            System.out.println(String.format(Locale.ROOT, "    %-13s %-9s %s", variant.label(),
                    peer.name().startsWith("sender") ? "sender" : "receiver", summary));
        }
    }

    /**
     * Waits for the receiver while watching the sender: a sender that could not log in (a login
     * reply can time out on a busy two-core machine) starts again, up to twice; any other failure
     * ends the run at once instead of at the receiver's time limit.
     */
    private void awaitBoth(Variant variant, PeerProcess receiver, PeerProcess[] current, SenderStart again,
            Duration limit) throws IOException, InterruptedException, BenchFailure {
        int retries = 0;
        long deadline = System.nanoTime() + limit.plusSeconds(30).toNanos();
        while (receiver.isAlive()) {
            if (System.nanoTime() - deadline > 0) {
                throw new BenchFailure(variant.label() + ": the receiver did not finish within "
                        + limit.plusSeconds(30).toSeconds() + " s; see " + receiver.stderrFile());
            }
            PeerProcess sender = current[0];
            if (!sender.isAlive() && sender.exitStatus() != 0) {
                if (sender.exitStatus() == LOGIN_FAILED && retries < 2) {
                    retries++;
                    sender.close();
                    current[0] = again.start();
                    continue;
                }
                throw new BenchFailure(variant.label() + ": " + sender.name() + " exited with "
                        + sender.exitStatus() + "; see " + sender.stderrFile());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        PeerProcess sender = current[0];
        int sent = sender.await(Duration.ofSeconds(60));
        if (sent != 0) {
            throw new BenchFailure(variant.label() + ": " + sender.name() + " exited with " + sent + "; see "
                    + sender.stderrFile());
        }
        int status = receiver.await(Duration.ofSeconds(10));
        if (status != 0) {
            throw new BenchFailure(variant.label() + ": the receiver exited with " + status + "; see "
                    + receiver.stderrFile());
        }
    }

    private Measurement measure(Variant variant, PeerProcess receiver, PeerProcess sender, Path into,
            List<Path> files, String expectedSha, Mode mode, double serverCpu) throws IOException, BenchFailure {
        int count = files.size();
        List<TransferLine> received = lines(variant, receiver);
        if (received.size() != count || received.stream().anyMatch(t -> !t.complete())) {
            throw new BenchFailure(variant.label() + ": " + received.size() + " of " + count
                    + " transfers reported, not all complete; see " + receiver.stderrFile());
        }
        List<Path> arrived;
        try (var listing = Files.list(into)) {
            arrived = listing.filter(Files::isRegularFile).toList();
        }
        if (arrived.size() != count) {
            throw new BenchFailure(variant.label() + ": " + arrived.size() + " files arrived, expected " + count);
        }
        long bytes = 0;
        for (Path file : arrived) {
            String sha = Sha256.of(file);
            if (!sha.equals(expectedSha)) {
                throw new BenchFailure(variant.label() + ": SHA-256 mismatch for " + file + ": " + sha + " != "
                        + expectedSha);
            }
            bytes += Files.size(file);
        }
        for (TransferLine t : received) {
            Path file = into.resolve(t.name());
            if (!file.normalize().getParent().equals(into) || !Files.isRegularFile(file)) {
                throw new BenchFailure(variant.label() + ": the receiver reported '" + t.name()
                        + "', which is not among the received files");
            }
        }
        double cpu = receiver.cpuSeconds() + sender.cpuSeconds() + (Double.isNaN(serverCpu) ? 0 : serverCpu);
        long heap = Math.max(heapOf(receiver), heapOf(sender));
        long rss = Math.max(receiver.peakRssBytes(), sender.peakRssBytes());
        // the receiver's, from the offer's arrival: the same start as the total's
        List<Double> firstBytes = received.stream()
                .map(t -> t.ttfbMillis().map(Long::doubleValue).orElse(Double.NaN)).toList();
        if (mode == Mode.ONE_BY_ONE && count > 1) {
            // every file after the first, in the order they were sent
            List<Double> millis = received.stream().skip(1).map(t -> (double) t.millis()).toList();
            List<Double> ttfb = firstBytes.stream().skip(1).filter(d -> !Double.isNaN(d)).toList();
            double medianMillis = Stats.median(millis);
            return new Measurement(bytes / count, Math.max(1, Math.round(medianMillis)),
                    ttfb.isEmpty() ? Double.NaN : Stats.median(ttfb), cpu / count, serverCpu / count, heap,
                    rss);
        }
        Span span = span(received, into);
        double ttfb = count == 1 && firstBytes.size() == 1 ? firstBytes.get(0) : Double.NaN;
        return new Measurement(bytes, Math.max(1, span.millis()), ttfb, cpu, serverCpu, heap, rss);
    }

    /** From the earliest offer to the last end, in epoch milliseconds. */
    private record Span(long from, long to) {
        long millis() {
            return to - from;
        }
    }

    /** Each transfer ended when its file was last written, and began its own millis before that. */
    private static Span span(List<TransferLine> received, Path into) throws IOException {
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (TransferLine t : received) {
            long end = Files.getLastModifiedTime(into.resolve(t.name())).toMillis();
            lastEnd = Math.max(lastEnd, end);
            firstStart = Math.min(firstStart, end - t.millis());
        }
        return new Span(firstStart, lastEnd);
    }

    private static List<TransferLine> lines(Variant variant, PeerProcess peer) throws IOException {
        List<TransferLine> lines = new ArrayList<>();
        for (String line : peer.stdoutLines()) {
            (variant.sift() ? TransferLine.ofSift(line) : TransferLine.ofSmack(line)).ifPresent(lines::add);
        }
        return lines;
    }

    /**
     * Gets the disk out of the way of a run: writes the previous runs' files out first (otherwise the
     * kernel does it in the middle of a later run, a GiB at a time, and that run pays for it), and
     * reads the run's input files through, so that every run starts with them in the page cache. On a
     * virtual machine whose host reclaims memory it deems cold (DAMON's pageout on this bench's
     * machine), a sample unread for a few seconds is dropped, and the next run would read it back
     * from the disk while the run before it did not.
     */
    static void settle(List<Path> inputs) throws IOException, InterruptedException {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            sync.waitFor(120, TimeUnit.SECONDS);
        } catch (IOException noSync) {
            // not a Linux/Unix host: runs are just noisier
        }
        byte[] buffer = new byte[1 << 20];
        for (Path input : new java.util.LinkedHashSet<>(inputs)) {
            try (var in = Files.newInputStream(input)) {
                while (in.read(buffer) >= 0) {
                    // only read: the page cache keeps it
                }
            }
        }
    }

    private static long heapOf(PeerProcess p) throws IOException {
        for (String line : p.stderrLines()) {
            if (line.startsWith("peak-heap-bytes\t") && line.substring(16).matches("\\d{1,18}")) {
                return Long.parseLong(line.substring(16));
            }
        }
        return -1;
    }

    private List<String> receiver(Variant v, Path dir, Path into, int count, Duration limit, Path recording)
            throws IOException {
        List<String> cmd;
        if (v.sift()) {
            cmd = launcher(v, recording, "receive");
            cmd.addAll(List.of("--etc", etc(v, dir, "bob", "bench").toString(),
                    "--report-memory", "receive", "--report-cpu", "--into", into.toString(), "--count",
                    Integer.toString(count),
                    "--timeout", Long.toString(limit.toSeconds())));
        } else {
            cmd = java(v, recording);
            cmd.addAll(List.of("-jar", smackJar().toString(), "receive", "--jid", "bob@" + DOMAIN, "--password",
                    "bob-secret", "--host", "127.0.0.1", "--port", Integer.toString(xmppPort), "--resource", "smack",
                    "--into", into.toString(), "--count", Integer.toString(count), "--timeout",
                    Long.toString(limit.toSeconds()),
                    // the bench checks every file itself: no reading back while other transfers run
                    "--no-digest"));
        }
        return cmd;
    }

    private List<String> sender(Variant v, Path dir, List<Path> files, Mode mode, Duration limit, Path recording)
            throws IOException {
        List<String> cmd;
        if (v.sift()) {
            cmd = launcher(v, recording, "send");
            cmd.addAll(List.of("--etc", etc(v, dir, "alice", "bench").toString(),
                    "--report-memory", "send", "bob@" + DOMAIN));
            files.forEach(f -> cmd.add(f.toString()));
            cmd.addAll(List.of("--wait-peer", "20", "--report-cpu"));
            v.method().ifPresent(m -> cmd.addAll(List.of("--method", m)));
        } else {
            cmd = java(v, recording);
            cmd.addAll(List.of("-jar", smackJar().toString(), "send", "--jid", "carol@" + DOMAIN, "--password",
                    "carol-secret", "--host", "127.0.0.1", "--port", Integer.toString(xmppPort), "--resource",
                    "smack-sender", "--to", "bob@" + DOMAIN + "/smack", "--timeout",
                    Long.toString(limit.toSeconds())));
            files.forEach(f -> cmd.addAll(List.of("--file", f.toString())));
            cmd.addAll(v.smackFlags());
        }
        if (mode == Mode.ONE_BY_ONE) {
            cmd.add("--one-by-one");
        }
        return cmd;
    }

    /**
     * smack-peer with these arguments, logging in to this server, started with the JVM flags every
     * peer gets (no profiler): for runs that are not a file transfer of a variant.
     */
    List<String> smackPeer(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", smackJar().toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(xmppPort)));
        return cmd;
    }

    /**
     * A JVM with the flags every peer gets (no profiler) and the bench's own classes, up to the main
     * class: for the ends of a copy between fresh processes.
     */
    List<String> benchJava() {
        List<String> cmd = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString()));
        cmd.addAll(jvmFlags);
        try {
            cmd.addAll(List.of("-cp", Path.of(Peers.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the bench's classes have no path", e);
        }
        return cmd;
    }

    private List<String> java(Variant v, Path recording) {
        List<String> cmd = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString()));
        cmd.addAll(flags(v, recording));
        return cmd;
    }

    /** recording: where the profiler writes, null for no profiler. */
    private List<String> flags(Variant v, Path recording) {
        List<String> flags = new ArrayList<>(jvmFlags);
        if (profiler != null && recording != null) {
            flags.addAll(profiler.jvmFlags(recording));
        }
        v.maxHeap().ifPresent(h -> flags.add("-Xmx" + h));
        return flags;
    }

    /**
     * SIFT as its distribution starts it: bin/sift, which also gives the JVM its class-data archive
     * (the first send and the first receive of a bench run record one each, in the bench's own
     * folder; the runs after them map it). The JVM flags go through JAVA_OPTS, as a user's would.
     * A JVM refuses to record an archive with an agent loaded (the launcher then does not record), so
     * with --profile the run that records the command's archive (a warm-up, outside quick mode) goes
     * without the profiler. The folder is the bench's, empty at its start, so the command's first
     * launch in this bench is the one that records.
     */
    private List<String> launcher(Variant v, Path recording, String command) throws IOException {
        boolean records = launchedCommands.add(command);
        List<String> flags = flags(v, records ? null : recording);
        for (String flag : flags) {
            if (flag.isEmpty() || flag.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("bin/sift splits JAVA_OPTS at white space: " + flag);
            }
        }
        return new ArrayList<>(List.of("env", "JAVA_HOME=" + javaHome(), "JAVA_OPTS=" + String.join(" ", flags),
                "SIFT_CDS_DIR=" + classData(), siftHome().resolve("bin/sift").toString()));
    }

    private Path classData() {
        return work.resolve("class-data");
    }

    /** A distribution's layout around this checkout's runtime: bin/sift and lib/sift.jar. */
    private Path siftHome() throws IOException {
        Path home = work.resolve("sift-home");
        Path launcher = home.resolve("bin/sift");
        if (!Files.exists(launcher)) {
            Files.createDirectories(launcher.getParent());
            Files.copy(project.resolve("distribution/src/main/dist/bin/sift"), launcher);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(home.resolve("lib"));
            Files.createSymbolicLink(home.resolve("lib/sift.jar"), siftJar());
        }
        return home;
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
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
