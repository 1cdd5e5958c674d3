package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * async-profiler (Maven Central: tools.profiler:async-profiler, unpacked by bench/run when it is
 * given --profile) as an agent of every peer JVM: it samples CPU time, in the kernel, in the JIT
 * compiler and GC threads as in Java code, and writes a JFR recording that {@link CpuProfile} reads.
 * Samples cost a peer about one per cent of its time.
 */
final class Profiler {

    /** One sample per millisecond of a thread's CPU time. */
    static final Duration INTERVAL = Duration.ofMillis(1);

    private final Path library;
    private final Path recordings;

    private Profiler(Path library, Path recordings) {
        this.library = library;
        this.recordings = recordings;
    }

    /**
     * The profiler bench/run unpacked into the bench's target folder, or why there is none. The
     * recordings go to bench/target/profiles, emptied first, and stay there after the bench.
     */
    static Profiler in(Path project) throws BenchFailure, IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new BenchFailure("--profile needs Linux on x86-64 (async-profiler's linux-x64 library), not "
                    + os + " on " + arch);
        }
        Path library = project.resolve("bench/target/async-profiler/linux-x64/libasyncProfiler.so");
        if (!Files.isRegularFile(library)) {
            throw new BenchFailure("--profile: no " + library + " (bench/run unpacks it from Maven Central)");
        }
        Path recordings = project.resolve("bench/target/profiles");
        Peers.deleteTree(recordings);
        return new Profiler(library, Files.createDirectories(recordings));
    }

    /** Where a peer's samples go: {@code run-3-receiver.jfr}, {@code run-3-sender-5.jfr}. */
    Path recording(int run, String peer) {
        return recordings.resolve("run-" + run + "-" + peer + ".jfr");
    }

    /** The JVM option that profiles a peer from its start into the recording. */
    List<String> jvmFlags(Path recording) {
        return List.of("-agentpath:" + library + "=start,event=cpu,interval=" + INTERVAL.toNanos() + ",jfr,file="
                + recording);
    }
}
