package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One peer (a SIFT runtime or a smack-peer) as a child process. It runs under a shell that prints
 * its own /proc stat line after the peer has exited: the kernel then has added the peer's whole CPU
 * time to the shell's children times, which a look at the peer's own /proc entry while it lives
 * can miss. Its peak resident set is sampled while it runs (VmHWM only grows).
 */
final class PeerProcess implements AutoCloseable {

    static final String STAT_MARK = "bench-shell-stat ";

    private final String name;
    private final Process shell;
    private final Path stdout;
    private final Path stderr;
    private volatile long peakRss;
    private double cpuBeforeWork;
    /** What a sender prints to stderr just before its first offer: its CPU time so far. */
    static final String CPU_AT_OFFER_MARK = "cpu-at-offer-nanos\t";
    /** What a peer prints to stderr before it exits: its CPU time when its last transfer ended. */
    static final String CPU_AT_END_MARK = "cpu-at-end-nanos\t";
    private final Thread sampler;

    private PeerProcess(String name, Process shell, Path stdout, Path stderr) {
        this.name = name;
        this.shell = shell;
        this.stdout = stdout;
        this.stderr = stderr;
        this.sampler = new Thread(this::sampleRss, "rss " + name);
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeerProcess start(String name, List<String> command, Path logs) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "\"$@\"; rc=$?; read -r s < /proc/$$/stat; echo \"" + STAT_MARK + "$s\" >&2; exit $rc", "peer"));
        wrapped.addAll(command);
        Process p = new ProcessBuilder(wrapped).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new PeerProcess(name, p, out, err);
    }

    /**
     * The peer runs as the shell's one child (bin/sift and env exec the JVM in the same process), so
     * once it is there its own status is all that is read: looking for the shell's children reads
     * every process's entry in /proc, ten times a second while a transfer runs.
     */
    private void sampleRss() {
        List<ProcessHandle> peer = List.of();
        while (shell.isAlive()) {
            if (peer.isEmpty()) {
                peer = shell.children().toList();
            }
            peer.forEach(child -> ProcStat.peakRssBytes(child.pid())
                    .ifPresent(rss -> peakRss = Math.max(peakRss, rss)));
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until a line of stdout or stderr contains the text; false if the peer ended or time ran out. */
    boolean awaitLine(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (contains(stdout, text) || contains(stderr, text)) {
                return true;
            }
            if (!shell.isAlive()) {
                return contains(stdout, text) || contains(stderr, text);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
    }

    /** Waits for the exit; on time out, ends the peer and says so. */
    int await(Duration timeout) throws InterruptedException, BenchFailure {
        if (!shell.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new BenchFailure(name + " did not finish within " + timeout.toSeconds() + " s; see " + stderr);
        }
        return shell.exitValue();
    }

    boolean isAlive() {
        return shell.isAlive();
    }

    /** The exit status; only once the peer has ended. */
    int exitStatus() {
        return shell.exitValue();
    }

    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    List<String> stderrLines() throws IOException {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Takes the CPU the peer has used so far (JVM start, login) as its start-up cost, left out of
     * {@link #cpuSeconds()}: for a receiver that has just said it is ready.
     */
    void startUpEndsNow() {
        cpuBeforeWork = shell.descendants().mapToLong(p -> ProcStat.ownTicks(p.pid()).orElse(0)).sum()
                / ProcStat.TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the peer spent on its transfers: up to when its last transfer ended (as it
     * reported with {@code cpu-at-end-nanos}, else its whole life), less its start-up (as taken by
     * {@link #startUpEndsNow()}, or as a sender reported just before its first offer with
     * {@code cpu-at-offer-nanos}). JVM start, login, hashing for the result lines, logout and exit
     * are no transfer work and would swamp small files.
     */
    double cpuSeconds() throws IOException {
        double before = cpuBeforeWork;
        double total = Double.NaN;
        double atEnd = Double.NaN;
        for (String line : stderrLines()) {
            if (line.startsWith(STAT_MARK)) {
                OptionalLong ticks = ProcStat.childrenTicks(line.substring(STAT_MARK.length()));
                if (ticks.isPresent()) {
                    total = ticks.getAsLong() / ProcStat.TICKS_PER_SECOND;
                }
            } else if (line.startsWith(CPU_AT_OFFER_MARK) && before == 0) {
                before = nanosAsSeconds(line.substring(CPU_AT_OFFER_MARK.length()));
            } else if (line.startsWith(CPU_AT_END_MARK)) {
                atEnd = nanosAsSeconds(line.substring(CPU_AT_END_MARK.length()));
            }
        }
        return (Double.isNaN(atEnd) ? total : atEnd) - (Double.isNaN(before) ? 0 : before);
    }

    private static double nanosAsSeconds(String nanos) {
        return nanos.matches("\\d{1,18}") ? Long.parseLong(nanos) / 1e9 : Double.NaN;
    }

    long peakRssBytes() {
        return peakRss;
    }

    String name() {
        return name;
    }

    Path stderrFile() {
        return stderr;
    }

    @Override
    public void close() {
        if (shell.isAlive()) {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
            try {
                if (!shell.waitFor(5, TimeUnit.SECONDS)) {
                    shell.descendants().forEach(ProcessHandle::destroyForcibly);
                    shell.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sampler.interrupt();
    }
}
