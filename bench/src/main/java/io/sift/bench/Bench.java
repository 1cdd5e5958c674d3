package io.sift.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SIFT beside Smack 4.4.8's FileTransferManager and the loopback ceiling, case by case, against a
 * Prosody of the bench's own: prints a table and writes CSV, Markdown and a PNG chart to
 * bench/results/. Exit status 1 when any run failed or any file arrived different.
 */
public final class Bench {

    private final BenchOptions options;
    private final Path work;
    private final Peers peers;
    /** Files per warm run: the first is left out of its figures. */
    private static final int WARM_FILES = 6;

    private final List<Row> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Bench(BenchOptions options, Path work, Peers peers) {
        this.options = options;
        this.work = work;
        this.peers = peers;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + BenchOptions.usage());
            System.exit(2);
            return;
        }
        Path project = Path.of(System.getProperty("sift.project", ".")).toAbsolutePath().normalize();
        Path work = project.resolve("bench/target/work");
        Peers.deleteTree(work);
        Files.createDirectories(work);
        int status = 0;
        Bench bench = null;
        try (Prosody prosody = new Prosody(project)) {
            // Ctrl-C or a CI time limit must not leave the bench's Prosody running
            Thread stopProsody = new Thread(() -> {
                try {
                    prosody.close();
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop prosody");
            Runtime.getRuntime().addShutdownHook(stopProsody);
            prosody.start();
            // quick mode checks that everything works, not speed: the peers' JVMs start on less CPU
            List<String> jvmFlags = options.quick() ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                    : List.of();
            bench = new Bench(options, work, new Peers(project, work, Prosody.XMPP_PORT, prosody, jvmFlags));
            bench.runAll(project.resolve("bench/results"));
        } catch (BenchFailure e) {
            System.err.println("bench: FAILED: " + e.getMessage());
            status = 1;
        }
        if (bench != null && !bench.rows.isEmpty()) {
            bench.write(project.resolve("bench/results"));
            System.out.print("\n" + Report.text(bench.rows));
            System.out.println("\nResults: " + project.resolve("bench/results/bench.csv") + ", bench.md, bench.png");
        }
        if (bench != null && !bench.failures.isEmpty()) {
            System.err.println("bench: FAILED runs (their files are kept under " + work + "):");
            bench.failures.forEach(f -> System.err.println("  " + f));
            status = 1;
        }
        if (status == 0) {
            Peers.deleteTree(work);
        }
        System.exit(status);
    }

    /** Every case in turn; the result files are rewritten after each, so a run cut short keeps its cases. */
    private void runAll(Path results) throws Exception {
        if (options.runs("socks5-direct")) {
            long size = options.sizeOr(1L << 30, 8L << 20);
            compare("socks5-direct", size, true, List.of(
                    Variant.sift("SIFT", "socks5", true, false),
                    Variant.smack("Smack", false, "--method", "socks5", "--streamhost", "127.0.0.1")), results);
        }
        if (options.runs("socks5-proxy")) {
            long size = options.sizeOr(256L << 20, 8L << 20);
            compare("socks5-proxy", size, true, List.of(
                    Variant.sift("SIFT", "socks5", false, true),
                    Variant.smack("Smack", true, "--method", "socks5", "--no-local-streamhost")), results);
        }
        if (options.runs("ibb")) {
            long size = options.sizeOr(256L << 20, 1L << 20);
            compare("ibb", size, true, List.of(
                    Variant.sift("SIFT", "ibb", true, true),
                    Variant.smack("Smack", true, "--method", "ibb"),
                    Variant.smack("Smack b65535", true, "--method", "ibb", "--ibb-block-size", "65535")), results);
        }
        if (options.runs("ttfb")) {
            long size = options.sizeOr(1L << 20, 1L << 20);
            Variant sift = Variant.sift("SIFT", "socks5", true, false);
            // SIFT to SIFT hashes beside the copy and checks the SHA-256 after the last byte: nothing before the first
            List<Variant> socks5 = List.of(sift,
                    Variant.smack("Smack", false, "--method", "socks5", "--streamhost", "127.0.0.1"));
            List<Variant> ibb = List.of(Variant.sift("SIFT", "ibb", true, true),
                    Variant.smack("Smack", true, "--method", "ibb"));
            compare("ttfb socks5 cold", size, false, socks5, results);
            warm("ttfb socks5 warm", size, socks5, results);
            compare("ttfb ibb cold", size, false, ibb, results);
            warm("ttfb ibb warm", size, ibb, results);
        }
        if (options.runs("concurrent")) {
            concurrent(options.quick() ? 4 : 32, options.sizeOr(32L << 20, 1L << 20), results);
        }
        if (options.runs("memory")) {
            long size = options.sizeOr(1L << 30, 16L << 20);
            compare("memory -Xmx64m", size, false, List.of(Variant.sift("SIFT", "socks5", true, false)
                    .withMaxHeap("64m")), results);
        }
    }

    /**
     * The variants of one case, alternating run by run after a warm-up of each, plus the loopback
     * ceiling; ratios are against the ceiling and against the first Smack variant.
     */
    private void compare(String caseName, long size, boolean withCeiling, List<Variant> variants, Path results)
            throws Exception {
        Path file = sample(size);
        String sha = Sha256.of(file);
        progress(caseName + ": " + Report.size(size) + ", " + options.reps() + " run(s) each");
        Map<Variant, List<Measurement>> runs = new LinkedHashMap<>();
        variants.forEach(v -> runs.put(v, new ArrayList<>()));
        if (options.warmUp()) {
            for (Variant v : variants) {
                attempt(caseName, v, List.of(file), sha, Peers.Mode.TOGETHER);
            }
        }
        List<Double> ceiling = new ArrayList<>();
        for (int rep = 0; rep < options.reps(); rep++) {
            for (Variant v : inTurn(variants, rep)) {
                attempt(caseName, v, List.of(file), sha, Peers.Mode.TOGETHER).ifPresent(m -> {
                    runs.get(v).add(m);
                    progress(String.format(java.util.Locale.ROOT, "  %-13s %8.1f MiB/s %7d ms", v.label(),
                            m.mibPerSecond(), m.millis()));
                });
            }
            if (withCeiling) {
                Path copy = work.resolve("ceiling.bin");
                Peers.settleDisk();
                long millis = LoopbackCeiling.copy(file, copy, 600);
                if (!Sha256.of(copy).equals(sha)) {
                    throw new BenchFailure("the loopback copy differs from its source");
                }
                Files.delete(copy);
                ceiling.add(Stats.mibPerSecond(size, millis));
            }
        }
        double ceilingRate = Stats.median(ceiling);
        if (withCeiling) {
            rows.add(new Row(caseName, "loopback ceiling", size, ceiling.size(), ceilingRate,
                    size / 1048576.0 / ceilingRate * 1000, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0,
                    Double.NaN));
        }
        addRows(caseName, size, variants, runs, ceilingRate);
        write(results);
    }

    /** Many transfers at once against one alone, same file size, for each implementation. */
    private void concurrent(int count, long size, Path results) throws Exception {
        Path file = sample(size);
        String sha = Sha256.of(file);
        List<Path> copies = links(file, "concurrent", count);
        String caseName = "concurrent " + count + "x";
        progress(caseName + ": " + Report.size(size) + " each, " + options.reps() + " run(s)");
        List<Variant> variants = List.of(Variant.sift("SIFT", null, true, false),
                Variant.smack("Smack", false, "--streamhost", "127.0.0.1"));
        Map<String, List<Measurement>> runs = new LinkedHashMap<>();
        for (Variant v : variants) {
            runs.put(v.label() + " single", new ArrayList<>());
            runs.put(v.label() + " aggregate", new ArrayList<>());
        }
        if (options.warmUp()) {
            for (Variant v : variants) {
                attempt(caseName, v, copies, sha, Peers.Mode.TOGETHER);
            }
        }
        for (int rep = 0; rep < options.reps(); rep++) {
            for (Variant v : inTurn(variants, rep)) {
                attempt(caseName, v, List.of(file), sha, Peers.Mode.TOGETHER)
                        .ifPresent(runs.get(v.label() + " single")::add);
                attempt(caseName, v, copies, sha, Peers.Mode.TOGETHER).ifPresent(all -> {
                    runs.get(v.label() + " aggregate").add(all);
                    progress(String.format(java.util.Locale.ROOT, "  %-13s %8.1f MiB/s aggregate", v.label(),
                            all.mibPerSecond()));
                });
            }
        }
        for (Variant v : variants) {
            List<Measurement> single = runs.get(v.label() + " single");
            double singleRate = Stats.median(single.stream().map(Measurement::mibPerSecond).toList());
            rows.add(row(caseName, v.label() + " single", size, single, Double.NaN, Double.NaN));
            // the ceiling column holds aggregate / single here: the concurrency target
            rows.add(row(caseName, v.label() + " aggregate", size * count, runs.get(v.label() + " aggregate"),
                    singleRate, Double.NaN));
        }
        write(results);
    }

    /**
     * Several files one after another between the same two processes, as a long-running service
     * sends them: each run's figure is the median of every file after the first (the first one pays
     * for the cold JVM and is what the "cold" case measures).
     */
    private void warm(String caseName, long size, List<Variant> variants, Path results) throws Exception {
        Path file = sample(size);
        String sha = Sha256.of(file);
        List<Path> copies = links(file, "warm", WARM_FILES);
        progress(caseName + ": " + Report.size(size) + " x " + WARM_FILES + " one by one, " + options.reps()
                + " run(s) each");
        Map<Variant, List<Measurement>> runs = new LinkedHashMap<>();
        variants.forEach(v -> runs.put(v, new ArrayList<>()));
        for (int rep = 0; rep < options.reps(); rep++) {
            for (Variant v : inTurn(variants, rep)) {
                attempt(caseName, v, copies, sha, Peers.Mode.ONE_BY_ONE).ifPresent(m -> {
                    runs.get(v).add(m);
                    progress(String.format(java.util.Locale.ROOT, "  %-13s %7d ms per file, first byte %s ms",
                            v.label(), m.millis(), Double.isNaN(m.ttfbMillis()) ? "-" : Math.round(m.ttfbMillis())));
                });
            }
        }
        addRows(caseName, size, variants, runs, Double.NaN);
        write(results);
    }

    /** One run; a failure is reported and counted (the run's exit status will say so) and the bench goes on. */
    private java.util.Optional<Measurement> attempt(String caseName, Variant v, List<Path> files, String sha,
            Peers.Mode mode) throws IOException, InterruptedException {
        try {
            return java.util.Optional.of(peers.run(v, files, sha, mode));
        } catch (BenchFailure e) {
            String failure = caseName + ", " + v.label() + ": " + e.getMessage();
            failures.add(failure);
            progress("  FAILED: " + failure);
            return java.util.Optional.empty();
        }
    }

    /**
     * The variants in a different order each round (rotated by one): whatever a run leaves behind
     * (disk writeback, a busy JIT, the ceiling's copy) does not always fall on the same one.
     */
    static List<Variant> inTurn(List<Variant> variants, int round) {
        List<Variant> rotated = new ArrayList<>(variants);
        java.util.Collections.rotate(rotated, -(round % Math.max(1, variants.size())));
        return rotated;
    }

    private List<Path> links(Path file, String prefix, int count) throws IOException {
        List<Path> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path link = work.resolve(prefix + "-" + i + ".bin");
            Files.deleteIfExists(link);
            links.add(Files.createLink(link, file));
        }
        return links;
    }

    /** One row per variant, with ratios against the ceiling and against the first Smack variant. */
    private void addRows(String caseName, long size, List<Variant> variants, Map<Variant, List<Measurement>> runs,
            double ceilingRate) {
        double smackRate = variants.stream().filter(v -> !v.sift()).findFirst()
                .map(v -> Stats.median(runs.get(v).stream().map(Measurement::mibPerSecond).toList()))
                .orElse(Double.NaN);
        for (Variant v : variants) {
            rows.add(row(caseName, v.label(), size, runs.get(v), ceilingRate, smackRate));
        }
    }

    private static Row row(String caseName, String label, long size, List<Measurement> runs, double ceilingRate,
            double smackRate) {
        double rate = Stats.median(runs.stream().map(Measurement::mibPerSecond).toList());
        double heap = Stats.median(runs.stream().map(m -> m.peakHeapBytes() < 0 ? Double.NaN
                : m.peakHeapBytes() / 1048576.0).toList());
        double rss = Stats.median(runs.stream().map(m -> m.peakRssBytes() <= 0 ? Double.NaN
                : m.peakRssBytes() / 1048576.0).toList());
        return new Row(caseName, label, size, runs.size(), rate,
                Stats.median(runs.stream().map(m -> (double) m.millis()).toList()),
                Stats.median(runs.stream().map(Measurement::ttfbMillis).toList()),
                Stats.median(runs.stream().map(Measurement::cpuSecondsPerGib).toList()), heap, rss,
                Stats.ratio(rate, ceilingRate), Stats.ratio(rate, smackRate));
    }

    /** A file of random bytes (incompressible, so nothing on the way can cheat), made once per size. */
    private Path sample(long size) throws IOException {
        Path file = work.resolve("sample-" + size + ".bin");
        if (Files.exists(file) && Files.size(file) == size) {
            return file;
        }
        SplittableRandom random = new SplittableRandom(size);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    private void write(Path results) throws IOException {
        Files.createDirectories(results);
        Files.writeString(results.resolve("bench.csv"), Report.csv(rows), StandardCharsets.UTF_8);
        Files.writeString(results.resolve("bench.md"), "# SIFT benchmark" + (options.quick() ? " (quick mode)" : "")
                + "\n\n" + Report.markdown(rows) + "\nIn the concurrent case, \"x ceiling\" is the aggregate "
                + "throughput over a single transfer's.\n"
                + (failures.isEmpty() ? "" : "\nFailed runs (left out of the medians):\n\n- "
                        + String.join("\n- ", failures) + "\n"), StandardCharsets.UTF_8);
        BarChart.write(rows, results.resolve("bench.png"));
    }

    private static void progress(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
