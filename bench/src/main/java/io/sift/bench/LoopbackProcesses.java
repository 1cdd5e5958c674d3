package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loopback copy of {@link LoopbackCeiling}, each end in a process of its own started for this copy
 * ({@link LoopbackPeer}), as a transfer's two peers are. What the two differ by is what a transfer
 * between fresh processes meets and a copy inside the bench's long-running JVM does not: code not yet
 * compiled, and memory for the received file taken a little later after the last run's file was
 * deleted (bench/README, "SOCKS5 direct has slow rounds").
 */
final class LoopbackProcesses implements Ceiling {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration COPY = Duration.ofSeconds(600);

    private final Path work;
    private final List<String> java;
    private final boolean verified;

    /** java: the command that starts a JVM with the peers' flags and the bench's classes, up to the main class. */
    private LoopbackProcesses(Path work, List<String> java, boolean verified) {
        this.work = work;
        this.java = List.copyOf(java);
        this.verified = verified;
    }

    static LoopbackProcesses plain(Path work, List<String> java) {
        return new LoopbackProcesses(work, java, false);
    }

    static LoopbackProcesses verified(Path work, List<String> java) {
        return new LoopbackProcesses(work, java, true);
    }

    /** Shown beside the case's ceiling and bound, and named so that the chart does not take it for either. */
    @Override
    public String label() {
        return "loopback copy" + (verified ? " + SHA-256 both ends" : "") + ", fresh processes";
    }

    @Override
    public Role role() {
        return Role.SHOWN;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        Path copy = work.resolve("ceiling-processes.bin");
        Path logs = work.resolve("loopback-processes");
        long size = Files.size(file);
        String mode = verified ? "verified" : "plain";
        Peers.settle(List.of(file));
        try (PeerProcess receiver = PeerProcess.start("receiver", command("receive", copy.toString(),
                Long.toString(size), mode), logs)) {
            if (!receiver.awaitLine("port ", READY)) {
                throw new BenchFailure("the loopback receiver did not start: see " + receiver.stderrFile());
            }
            String port = line(receiver.stdoutLines(), "port", 2).get(1);
            try (PeerProcess sender = PeerProcess.start("sender", command("send", port, file.toString(), mode),
                    logs)) {
                if (sender.await(COPY) != 0 || receiver.await(COPY) != 0) {
                    throw new BenchFailure("a loopback process failed: see " + logs);
                }
                List<String> received = line(receiver.stdoutLines(), "received", 5);
                List<String> sent = line(sender.stdoutLines(), "sent", 3);
                if (Long.parseLong(received.get(1)) != size) {
                    throw new BenchFailure("the copy between processes ended after " + received.get(1) + " of "
                            + size + " bytes");
                }
                if (verified && !(sha.equals(received.get(4)) && sha.equals(sent.get(2)))) {
                    throw new BenchFailure("the loopback processes' hashes differ from the file's: sent "
                            + sent.get(2) + ", received " + received.get(4));
                }
                if (!Sha256.of(copy).equals(sha)) {
                    throw new BenchFailure("the loopback copy between processes differs from its source");
                }
                double cpu = Double.parseDouble(received.get(3)) + Double.parseDouble(sent.get(1));
                return new Measurement(size, Math.max(1, Long.parseLong(received.get(2))), Double.NaN, cpu,
                        Double.NaN, -1, 0);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(java);
        command.add(LoopbackPeer.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** The line that starts with the word, split at its spaces; it must have the given number of fields. */
    private static List<String> line(List<String> lines, String first, int fields) throws BenchFailure {
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals(first)) {
                if (f.length != fields) {
                    throw new BenchFailure("a loopback process printed " + line);
                }
                return List.of(f);
            }
        }
        throw new BenchFailure(String.format(Locale.ROOT, "a loopback process printed no %s line", first));
    }
}
