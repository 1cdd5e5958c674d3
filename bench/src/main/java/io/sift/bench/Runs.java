package io.sift.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sift.bench.RoundRatio.InRound;

/**
 * How a case is run and summed up: its variants in turn, run after run, its ceilings beside them,
 * and one row per variant and ceiling with medians and ratios. Failed runs are collected (the bench
 * then exits 1) and left out of the medians.
 */
final class Runs {

    /** Files per warm run: the first is left out of its figures. */
    private static final int WARM_FILES = 6;
    /** Ceilings warm up on at most this much: enough to compile the bench's own code. */
    private static final long CEILING_WARM_UP = 32L << 20;
    /**
     * Ceilings move at least this much outside quick mode: a small case on a fast path (ejabberd's
     * proxy or in-band blocks) would otherwise be timed over a fraction of a second, slow start included.
     */
    private static final long CEILING_MIN = 64L << 20;

    private final BenchOptions options;
    private final Path work;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Supplier<Set<Long>> serverPids;

    /** serverPids: the processes of the bench's running servers, whose CPU is not the machine's other load. */
    Runs(BenchOptions options, Path work, Supplier<Set<Long>> serverPids) {
        this.options = options;
        this.work = work;
        this.serverPids = serverPids;
    }

    List<Row> rows() {
        return rows;
    }

    List<String> failures() {
        return failures;
    }

    /**
     * The variants of one case, alternating run by run after a warm-up of each, and its ceilings
     * after each round; a row's ratios are the medians of its runs' ratios to the best ceiling and the
     * best bound of their own rounds, and its median over the first Smack variant's.
     */
    void compare(String caseName, long size, List<Ceiling> ceilings, Peers peers, List<Variant> variants)
            throws IOException, InterruptedException {
        List<Variant> shown = options.ceilingsOnly() ? List.of() : variants;
        Path file = sample(size);
        String sha = Sha256.of(file);
        progress(caseName + ": " + Report.size(size) + ", " + options.reps() + " run(s) each"
                + (peers == null ? "" : ", on " + peers.server().name()));
        Map<Variant, List<InRound>> runs = new LinkedHashMap<>();
        shown.forEach(v -> runs.put(v, new ArrayList<>()));
        CeilingRounds limits = new CeilingRounds(caseName, ceilings, file, sha, size);
        if (options.warmUp()) {
            for (Variant v : shown) {
                attempt(caseName, v, peers, List.of(file), sha, Peers.Mode.TOGETHER, NO_LINE);
            }
            limits.warmUp(size);
        }
        for (int rep = 0; rep < options.reps(); rep++) {
            int round = rep;
            for (Variant v : inTurn(shown, rep)) {
                attempt(caseName, v, peers, List.of(file), sha, Peers.Mode.TOGETHER, Runs::rateLine)
                        .ifPresent(m -> runs.get(v).add(new InRound(round, m)));
            }
            limits.round(round);
        }
        limits.addRows();
        addRows(caseName, size, shown, runs, limits);
    }

    /**
     * A case's ceilings and bounds, each measured after every round of the case's transfers, so that
     * the transfers' ratios are against the server and machine as they were in the same minutes
     * ({@link RoundRatio}).
     */
    private final class CeilingRounds {
        private final String caseName;
        private final Map<Ceiling, List<InRound>> measured = new LinkedHashMap<>();
        private final Path file;
        private final String sha;

        /** caseFile: the case's own file, which the ceilings move too in quick mode or when it is large enough. */
        CeilingRounds(String caseName, List<Ceiling> ceilings, Path caseFile, String caseSha, long size)
                throws IOException {
            this.caseName = caseName;
            ceilings.forEach(c -> measured.put(c, new ArrayList<>()));
            file = options.quick() || ceilings.isEmpty() ? caseFile : sample(Math.max(size, CEILING_MIN));
            sha = file.equals(caseFile) ? caseSha : Sha256.of(file);
        }

        /** One unmeasured move of each, on a smaller file. */
        void warmUp(long size) throws IOException, InterruptedException {
            if (measured.isEmpty()) {
                return;
            }
            Path small = sample(Math.min(size, CEILING_WARM_UP));
            String smallSha = Sha256.of(small);
            for (Ceiling c : measured.keySet()) {
                measure(caseName, c, small, smallSha, NO_LINE);
            }
        }

        void round(int round) throws InterruptedException {
            for (Map.Entry<Ceiling, List<InRound>> e : measured.entrySet()) {
                measure(caseName, e.getKey(), file, sha, Runs::rateLine)
                        .ifPresent(m -> e.getValue().add(new InRound(round, m)));
            }
        }

        /** Per round, the best rate among the ceilings (or bounds) measured in it. */
        List<Double> byRound(Ceiling.Role role) {
            return bestByRound(measured, role, options.reps());
        }

        void addRows() throws IOException {
            // a ceiling's size is what it moved: at least CEILING_MIN, less when a slow one ran out of time
            long size = Files.size(file);
            measured.forEach((c, runs) -> rows.add(row(caseName, c.label(), runs.isEmpty() ? size
                    : Math.round(Stats.median(runs.stream().map(m -> (double) m.run().bytes()).toList())),
                    runs, byRound(Ceiling.Role.CEILING), byRound(Ceiling.Role.BOUND), Double.NaN)));
        }
    }

    /** Per round, the best rate among the limits of one role measured in it; NaN where there was none. */
    private static List<Double> bestByRound(Map<Ceiling, List<InRound>> measured, Ceiling.Role role, int rounds) {
        return RoundRatio.bestByRound(RoundRatio.where(measured, c -> c.role() == role), rounds);
    }

    /**
     * Many transfers at once against one alone, same file size, for each implementation, and the
     * ceilings of as many copies at once (each a copy of the same file) after each round. The aggregate
     * rows take their ratios against those ceilings and against Smack's aggregate; the single rows
     * against Smack's single transfer.
     */
    void concurrent(int count, long size, List<Ceiling> ceilings, Peers peers)
            throws IOException, InterruptedException {
        Path file = sample(size);
        String sha = Sha256.of(file);
        List<Path> copies = links(file, "concurrent", count);
        String caseName = "concurrent " + count + "x";
        progress(caseName + ": " + Report.size(size) + " each, " + options.reps() + " run(s)");
        List<Variant> variants = options.ceilingsOnly() ? List.of() : List.of(Variant.sift("SIFT", null, true, false),
                Variant.smack("Smack", false, "--streamhost", "127.0.0.1"));
        Map<String, List<InRound>> runs = new LinkedHashMap<>();
        for (Variant v : variants) {
            runs.put(v.label() + " single", new ArrayList<>());
            runs.put(v.label() + " aggregate", new ArrayList<>());
        }
        Map<Ceiling, List<InRound>> bounds = new LinkedHashMap<>();
        ceilings.forEach(c -> bounds.put(c, new ArrayList<>()));
        if (options.warmUp()) {
            for (Variant v : variants) {
                attempt(caseName, v, peers, copies, sha, Peers.Mode.TOGETHER, NO_LINE);
            }
            for (Ceiling c : ceilings) {
                measure(caseName, c, file, sha, NO_LINE);
            }
        }
        for (int rep = 0; rep < options.reps(); rep++) {
            int round = rep;
            for (Variant v : inTurn(variants, rep)) {
                attempt(caseName, v, peers, List.of(file), sha, Peers.Mode.TOGETHER, NO_LINE)
                        .ifPresent(m -> runs.get(v.label() + " single").add(new InRound(round, m)));
                attempt(caseName, v, peers, copies, sha, Peers.Mode.TOGETHER,
                        (label, all) -> String.format(Locale.ROOT, "  %-13s %8.1f MiB/s aggregate", label,
                                all.mibPerSecond()))
                        .ifPresent(m -> runs.get(v.label() + " aggregate").add(new InRound(round, m)));
            }
            for (Ceiling c : ceilings) {
                measure(caseName, c, file, sha, Runs::rateLine)
                        .ifPresent(m -> bounds.get(c).add(new InRound(round, m)));
            }
        }
        List<Double> ceiling = bestByRound(bounds, Ceiling.Role.CEILING, options.reps());
        List<Double> bound = bestByRound(bounds, Ceiling.Role.BOUND, options.reps());
        bounds.forEach((c, measured) -> rows.add(row(caseName, c.label(), size * count, measured, ceiling, bound,
                Double.NaN)));
        double smackSingle = smackRate(variants, v -> runs.get(v.label() + " single"));
        double smackAggregate = smackRate(variants, v -> runs.get(v.label() + " aggregate"));
        for (Variant v : variants) {
            rows.add(row(caseName, v.label() + " single", size, runs.get(v.label() + " single"), List.of(), List.of(),
                    smackSingle));
            rows.add(row(caseName, v.label() + " aggregate", size * count, runs.get(v.label() + " aggregate"),
                    ceiling, bound, smackAggregate));
        }
    }

    /**
     * Several files one after another between the same two processes, as a long-running service
     * sends them: each run's figure is the median of every file after the first (the first one pays
     * for the cold JVM and is what the "cold" case measures). The ceilings (none: no ratios against
     * them) are measured again after each round, as in {@link #compare}: a server's rate can change
     * between cases, and a warm transfer is judged against the server of its own minutes. Measures
     * nothing when only ceilings are asked for: the case these files repeat has measured them.
     */
    void warm(String caseName, long size, Peers peers, List<Variant> variants, List<Ceiling> ceilings)
            throws IOException, InterruptedException {
        if (options.ceilingsOnly()) {
            return;
        }
        Path file = sample(size);
        String sha = Sha256.of(file);
        List<Path> copies = links(file, "warm", WARM_FILES);
        progress(caseName + ": " + Report.size(size) + " x " + WARM_FILES + " one by one, " + options.reps()
                + " run(s) each");
        Map<Variant, List<InRound>> runs = new LinkedHashMap<>();
        variants.forEach(v -> runs.put(v, new ArrayList<>()));
        CeilingRounds limits = new CeilingRounds(caseName, ceilings, file, sha, size);
        for (int rep = 0; rep < options.reps(); rep++) {
            int round = rep;
            for (Variant v : inTurn(variants, rep)) {
                attempt(caseName, v, peers, copies, sha, Peers.Mode.ONE_BY_ONE,
                        (label, m) -> String.format(Locale.ROOT, "  %-13s %7d ms per file, first byte %s ms", label,
                                m.millis(), Double.isNaN(m.ttfbMillis()) ? "-" : Math.round(m.ttfbMillis())))
                        .ifPresent(m -> runs.get(v).add(new InRound(round, m)));
            }
            limits.round(round);
        }
        limits.addRows();
        addRows(caseName, size, variants, runs, limits);
    }

    /** Counts a case that could not run at all as failed (e.g. its server did not start). */
    void failed(String caseName, BenchFailure why) {
        failures.add(caseName + ": " + why.getMessage());
        progress("  FAILED: " + caseName + ": " + why.getMessage());
    }

    /** How a run is shown as it ends: a line from its label and measurement, or none (a warm-up). */
    private interface RunLine {
        String of(String label, Measurement m);
    }

    private static final RunLine NO_LINE = (label, m) -> null;

    /**
     * One run, shown by its line; a failure is reported and counted (the run's exit status will say
     * so) and the bench goes on.
     */
    private Optional<Measurement> attempt(String caseName, Variant v, Peers peers, List<Path> files, String sha,
            Peers.Mode mode, RunLine line) throws IOException, InterruptedException {
        try (OtherLoad others = OtherLoad.watch(serverPids)) {
            Measurement m = peers.run(v, files, sha, mode);
            return Optional.of(shown(v.label(), m, others.seen(), line));
        } catch (BenchFailure e) {
            String failure = caseName + ", " + v.label() + ": " + e.getMessage();
            failures.add(failure);
            progress("  FAILED: " + failure);
            return Optional.empty();
        }
    }

    private Optional<Measurement> measure(String caseName, Ceiling c, Path file, String sha, RunLine line)
            throws InterruptedException {
        try (OtherLoad others = OtherLoad.watch(serverPids)) {
            Measurement m = c.measure(file, sha);
            return Optional.of(shown(c.label(), m, others.seen(), line));
        } catch (BenchFailure | IOException e) {
            // a ceiling talks to the server itself: a refused or broken connection fails this run only
            String failure = caseName + ", " + c.label() + ": " + (e instanceof BenchFailure ? e.getMessage() : e);
            failures.add(failure);
            progress("  FAILED: " + failure);
            return Optional.empty();
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

    /**
     * The measurement with what the rest of the machine took and read meanwhile, after its line, and a
     * line more when that is enough to matter: over 0.3 s of CPU (naming the busiest other process),
     * or over 1 MiB read from disk (the inputs were read through just before: something dropped them
     * from the page cache during the run).
     */
    private static Measurement shown(String label, Measurement m, OtherLoad.Seen seen, RunLine line) {
        String text = line.of(label, m);
        if (text != null) {
            progress(text);
            if (seen.takenSeconds() >= 0.3) {
                progress(String.format(Locale.ROOT, "    meanwhile other processes took %.1f s of CPU (most: %s),"
                        + " steal %.1f s", seen.otherCpuSeconds(), seen.busiest(), seen.stealSeconds()));
            }
            if (seen.diskReadMib() >= 1) {
                progress(String.format(Locale.ROOT, "    meanwhile the machine read %.0f MiB from disk",
                        seen.diskReadMib()));
            }
        }
        return m.withMachine(seen.takenSeconds(), seen.diskReadMib());
    }

    /** A run's or a ceiling's line: its rate, time and CPU per GiB where known. */
    private static String rateLine(String label, Measurement m) {
        String cpu = Double.isNaN(m.cpuSecondsPerGib()) ? ""
                : String.format(Locale.ROOT, " %6.2f CPU s/GiB", m.cpuSecondsPerGib());
        return String.format(Locale.ROOT, "  %-34s %8.1f MiB/s %7d ms", label, m.mibPerSecond(), m.millis()) + cpu;
    }

    /**
     * One row per variant, with ratios against the ceiling and the bound of each run's own round and
     * against the first Smack variant's median.
     */
    private void addRows(String caseName, long size, List<Variant> variants, Map<Variant, List<InRound>> runs,
            CeilingRounds limits) {
        double smackRate = smackRate(variants, runs::get);
        List<Double> ceiling = limits.byRound(Ceiling.Role.CEILING);
        List<Double> bound = limits.byRound(Ceiling.Role.BOUND);
        for (Variant v : variants) {
            rows.add(row(caseName, v.label(), size, runs.get(v), ceiling, bound, smackRate));
        }
    }

    /** The median rate of the first Smack variant, which the "x Smack" ratios are taken against; NaN: none. */
    private static double smackRate(List<Variant> variants, Function<Variant, List<InRound>> runsOf) {
        return variants.stream().filter(v -> !v.sift()).findFirst()
                .map(v -> medianRate(RoundRatio.runs(runsOf.apply(v))))
                .orElse(Double.NaN);
    }

    private static double medianRate(List<Measurement> runs) {
        return Stats.median(runs.stream().map(Measurement::mibPerSecond).toList());
    }

    /**
     * A row of medians. Its ratios: against the ceiling and the bound of each run's own round (none
     * where the lists are empty), and its median rate over smackRate (NaN: none).
     */
    private static Row row(String caseName, String label, long size, List<InRound> inRounds,
            List<Double> ceilingByRound, List<Double> boundByRound, double smackRate) {
        List<Measurement> runs = RoundRatio.runs(inRounds);
        double rate = medianRate(runs);
        double heap = Stats.median(runs.stream().map(m -> m.peakHeapBytes() < 0 ? Double.NaN
                : m.peakHeapBytes() / 1048576.0).toList());
        double rss = Stats.median(runs.stream().map(m -> m.peakRssBytes() <= 0 ? Double.NaN
                : m.peakRssBytes() / 1048576.0).toList());
        return new Row(caseName, label, size, runs.size(), rate,
                Stats.median(runs.stream().map(m -> (double) m.millis()).toList()),
                Stats.median(runs.stream().map(Measurement::ttfbMillis).toList()),
                Stats.median(runs.stream().map(Measurement::cpuSecondsPerGib).toList()),
                Stats.median(runs.stream().map(Measurement::serverCpuSecondsPerGib).toList()), heap, rss,
                Stats.median(runs.stream().map(Measurement::otherCpuSeconds).toList()),
                Stats.median(runs.stream().map(Measurement::diskReadMib).toList()),
                RoundRatio.of(inRounds, ceilingByRound), RoundRatio.of(inRounds, boundByRound),
                Stats.ratio(rate, smackRate));
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

    static void progress(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
