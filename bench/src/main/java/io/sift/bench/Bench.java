package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SIFT beside Smack 4.4.8's FileTransferManager and the ceilings of this machine and server, case by
 * case, against servers of the bench's own (a Prosody as the project sets it up, one with Prosody's
 * packaged read size, an ejabberd): prints a table and writes CSV, Markdown and a PNG chart to
 * bench/results/. Exit status 1 when any run failed or any file arrived different.
 */
public final class Bench {

    private final BenchOptions options;
    private final Path work;
    private final Servers servers;
    private final Peers peers;
    /** What the run did about memory freed in a virtual machine: written beside the results. */
    private final FreedMemoryHold hold;
    private final Runs runs;
    /** Why the ejabberd cases are left out, once decided; empty when they run. */
    private String ejabberdSkipped;

    private Bench(BenchOptions options, Path work, Servers servers, FreedMemoryHold hold, Peers peers) {
        this.options = options;
        this.hold = hold;
        this.work = work;
        this.servers = servers;
        this.peers = peers;
        this.runs = new Runs(options, work, servers::pids);
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
        FreedMemoryHold hold = options.holdsFreedMemory()
                ? FreedMemoryHold.start(FreedMemoryHold.MIN_FREE_MS, FreedMemoryHold.HOLD_MILLIS)
                : FreedMemoryHold.none(options.quick() ? "quick mode" : "--no-hold");
        System.out.println("(" + hold.description() + ")");
        try (hold; Servers servers = new Servers(project)) {
            // Ctrl-C or a CI time limit must not leave the bench's servers running, nor the machine's
            // setting changed
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "stop servers"));
            Runtime.getRuntime().addShutdownHook(new Thread(hold::close, "let freed memory go"));
            // quick mode checks that everything works, not speed: the peers' JVMs start on less CPU
            List<String> jvmFlags = options.quick() ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                    : List.of();
            bench = new Bench(options, work, servers, hold, new Peers(project, work, jvmFlags,
                    options.profile() ? Profiler.in(project) : null));
            bench.runAll(project.resolve("bench/results"));
        } catch (BenchFailure e) {
            System.err.println("bench: FAILED: " + e.getMessage());
            status = 1;
        }
        if (bench != null && !bench.runs.rows().isEmpty()) {
            bench.write(project.resolve("bench/results"));
            System.out.print("\n" + Report.text(bench.runs.rows()));
            System.out.println("\nResults: " + project.resolve("bench/results/bench.csv") + ", bench.md, bench.png");
        }
        if (bench != null && bench.ejabberdSkipped != null && !bench.ejabberdSkipped.isEmpty()) {
            System.out.println("Note: the ejabberd cases were skipped: " + bench.ejabberdSkipped);
        }
        if (bench != null && !bench.runs.failures().isEmpty()) {
            System.err.println("bench: FAILED runs (their files are kept under " + work + "):");
            bench.runs.failures().forEach(f -> System.err.println("  " + f));
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
            runs.compare("socks5-direct", options.sizeOr(1L << 30, 8L << 20),
                    List.of(LoopbackCeiling.plain(work), LoopbackCeiling.verified(work),
                            LoopbackProcesses.plain(work, peers.benchJava()),
                            LoopbackProcesses.verified(work, peers.benchJava()),
                            HashBound.oneCore(), HashBound.twoAtOnce()),
                    peers.on(servers.prosody()), List.of(
                            Variant.sift("SIFT", "socks5", true, false),
                            Variant.smack("Smack", false, "--method", "socks5", "--streamhost", "127.0.0.1")));
            write(results);
        }
        if (options.runs("socks5-proxy")) {
            proxy("socks5-proxy", servers.prosody(), results);
        }
        if (options.runs("ejabberd-proxy") && ejabberdRuns()) {
            onEjabberd("ejabberd-proxy", server -> proxy("ejabberd-proxy", server, results));
        }
        if (options.runs("ibb")) {
            XmppServer prosody = servers.prosody();
            inBand("ibb", options.sizeOr(256L << 20, 1L << 20), prosody, false, true, results);
            // a fresh process compiles its XML and block paths while it streams (see bench/README); the
            // files after the first show what a running sender moves, against the same ceilings
            runs.warm("ibb warm", options.sizeOr(32L << 20, 1L << 20), peers.on(prosody), inBandDefaults(),
                    warmInBandLimits(prosody));
            write(results);
        }
        if (options.runs("ibb-stock")) {
            XmppServer stock = servers.stockProsody();
            inBand("ibb-stock", options.sizeOr(32L << 20, 1L << 20), stock, true, false, results);
            // a fresh process's first stream pays for the JIT and for timing its block sizes; the files
            // after it show what a long-running sender moves through the same server
            runs.warm("ibb-stock warm", options.sizeOr(16L << 20, 1L << 20), peers.on(stock), inBandDefaults(),
                    inBandLimits(stock, true));
            write(results);
        }
        if (options.runs("ejabberd-ibb") && ejabberdRuns()) {
            // small: Smack moves one block per round trip, which on ejabberd takes several milliseconds;
            // the warm files are SIFT's alone for the same reason, and show what a running sender moves
            onEjabberd("ejabberd-ibb", server -> {
                inBand("ejabberd-ibb", options.sizeOr(16L << 20, 1L << 20), server, false, false, results);
                runs.warm("ejabberd-ibb warm", options.sizeOr(32L << 20, 1L << 20), peers.on(server),
                        List.of(Variant.sift("SIFT", "ibb", true, true)), warmInBandLimits(server));
                write(results);
            });
        }
        if (options.ceilingsOnly() ? !options.runs("concurrent")
                : !(options.runs("ttfb") || options.runs("concurrent") || options.runs("memory"))) {
            return; // of the cases below, only the concurrent one has ceilings
        }
        Peers onProsody = peers.on(servers.prosody());
        if (options.runs("ttfb") && !options.ceilingsOnly()) {
            long size = options.sizeOr(1L << 20, 1L << 20);
            Variant sift = Variant.sift("SIFT", "socks5", true, false);
            // SIFT to SIFT hashes beside the copy and checks the SHA-256 after the last byte: nothing before the first
            List<Variant> socks5 = List.of(sift,
                    Variant.smack("Smack", false, "--method", "socks5", "--streamhost", "127.0.0.1"));
            List<Variant> ibb = inBandDefaults();
            runs.compare("ttfb socks5 cold", size, List.of(), onProsody, socks5);
            if (!options.quick()) {
                // the bound of the cold case on two cores (bench/README): the same fresh processes with C1
                // alone, so no optimizing compiler takes the second core while the transfer runs; quick
                // mode starts every peer so already
                runs.compare("ttfb socks5 cold C2 off", size, List.of(),
                        onProsody.withJvmFlags("-XX:TieredStopAtLevel=1"), socks5);
            }
            runs.warm("ttfb socks5 warm", size, onProsody, socks5, List.of());
            runs.compare("ttfb ibb cold", size, List.of(), onProsody, ibb);
            runs.warm("ttfb ibb warm", size, onProsody, ibb, List.of());
            write(results);
        }
        if (options.runs("concurrent")) {
            int count = options.quick() ? 4 : 32;
            runs.concurrent(count, options.sizeOr(32L << 20, 1L << 20),
                    List.of(LoopbackCeiling.plain(work, count), LoopbackCeiling.verified(work, count)), onProsody);
            write(results);
        }
        if (options.runs("memory") && !options.ceilingsOnly()) {
            runs.compare("memory -Xmx64m", options.sizeOr(1L << 30, 16L << 20), List.of(), onProsody,
                    List.of(Variant.sift("SIFT", "socks5", true, false).withMaxHeap("64m")));
            write(results);
        }
    }

    /** SIFT and Smack through the server's SOCKS5 proxy only, beside a raw relay through it, plain and hashed. */
    private void proxy(String caseName, XmppServer server, Path results) throws Exception {
        runs.compare(caseName, options.sizeOr(256L << 20, 8L << 20),
                List.of(RelayCeiling.plain(server, work), RelayCeiling.verified(server, work)),
                peers.on(server), List.of(
                        Variant.sift("SIFT", "socks5", false, true),
                        Variant.smack("Smack", true, "--method", "socks5", "--no-local-streamhost")));
        write(results);
    }

    /**
     * SIFT and Smack in-band through the server, beside raw in-band blocks through it (see
     * {@link #inBandLimits}). bigBlockSmack adds Smack with 65535-byte blocks.
     */
    private void inBand(String caseName, long size, XmppServer server, boolean smallBlocks, boolean bigBlockSmack,
            Path results) throws Exception {
        List<Variant> variants = new ArrayList<>(inBandDefaults());
        if (bigBlockSmack) {
            variants.add(Variant.smack("Smack b65535", true, "--method", "ibb", "--ibb-block-size", "65535"));
        }
        List<Ceiling> limits = new ArrayList<>(inBandLimits(server, smallBlocks));
        if (!smallBlocks) {
            // fresh processes, as the case's transfers: a row for cold cases only
            limits.add(SmackBlocks.cold(peers.on(server), server, work, 65535, 64));
        }
        runs.compare(caseName, size, limits, peers.on(server), variants);
        write(results);
    }

    /**
     * The limits of a warm in-band case: those of {@link #inBandLimits} in SIFT's default shape, and
     * Smack's IQ API between running processes beside them, as the case's files after the first.
     */
    private List<Ceiling> warmInBandLimits(XmppServer server) {
        List<Ceiling> limits = new ArrayList<>(inBandLimits(server, false));
        limits.add(SmackBlocks.warm(peers.on(server), server, work, 65535, 64));
        return limits;
    }

    /**
     * Raw in-band blocks through the server: IQs with 64 blocks in flight and messages, of 65535 bytes;
     * with smallBlocks also of 4096 bytes (4 IQs in flight), which do better on Prosody's packaged read
     * size. Without smallBlocks, also the bound of a checked transfer in SIFT's default shape
     * (65535-byte IQs, 64 in flight); with them the server's handling of block sizes, not the per-byte
     * work, is what limits a transfer.
     */
    private List<Ceiling> inBandLimits(XmppServer server, boolean smallBlocks) {
        List<Ceiling> ceilings = new ArrayList<>(List.of(
                new IbbCeiling(server, IbbCeiling.Stanza.IQ, 65535, 64),
                new IbbCeiling(server, IbbCeiling.Stanza.MESSAGE, 65535, 64)));
        if (smallBlocks) {
            ceilings.add(new IbbCeiling(server, IbbCeiling.Stanza.IQ, 4096, 4));
            ceilings.add(new IbbCeiling(server, IbbCeiling.Stanza.MESSAGE, 4096, 64));
        } else {
            ceilings.add(IbbCeiling.verified(server, IbbCeiling.Stanza.IQ, 65535, 64, work));
        }
        return ceilings;
    }

    /** SIFT and Smack in-band, each with its own default settings. */
    private static List<Variant> inBandDefaults() {
        return List.of(Variant.sift("SIFT", "ibb", true, true), Variant.smack("Smack", true, "--method", "ibb"));
    }

    /** A case on ejabberd: a server that does not start fails the case, and the bench goes on. */
    private void onEjabberd(String caseName, OnServer body) throws Exception {
        XmppServer server;
        try {
            server = servers.ejabberd();
        } catch (BenchFailure e) {
            runs.failed(caseName, e);
            return;
        }
        body.run(server);
    }

    private interface OnServer {
        void run(XmppServer server) throws Exception;
    }

    /**
     * Whether the ejabberd cases run: in quick mode (what CI runs) only when the package is already
     * installed, so that CI needs nothing more than Prosody; a full run installs it (as root).
     */
    private boolean ejabberdRuns() {
        if (ejabberdSkipped == null) {
            if (!Ejabberd.startable()) {
                ejabberdSkipped = "ejabberd runs as its package's user, which needs the bench to run as root";
            } else if (options.quick() && !Ejabberd.installed()) {
                ejabberdSkipped = "ejabberd is not installed (quick mode installs nothing; a full run or "
                        + "'scripts/ejabberd install' as root installs it)";
            } else {
                ejabberdSkipped = "";
            }
            if (!ejabberdSkipped.isEmpty()) {
                Runs.progress("ejabberd cases skipped: " + ejabberdSkipped);
            }
        }
        return ejabberdSkipped.isEmpty();
    }

    private void write(Path results) throws IOException {
        Files.createDirectories(results);
        List<Row> rows = runs.rows();
        Files.writeString(results.resolve("bench.csv"), Report.csv(rows), StandardCharsets.UTF_8);
        Files.writeString(results.resolve("bench.md"), "# SIFT benchmark" + (options.quick() ? " (quick mode)" : "")
                + "\n\n" + Report.markdown(rows) + "\nRun with " + hold.description() + ".\n"
                + "\n\"x ceiling\" is against the best ceiling row of the same case (measured in the same run); "
                + "in the concurrent case, the aggregate against as many loopback copies at once.\n"
                + (ejabberdSkipped == null || ejabberdSkipped.isEmpty() ? ""
                        : "\nThe ejabberd cases were skipped: " + ejabberdSkipped + ".\n")
                + (runs.failures().isEmpty() ? "" : "\nFailed runs (left out of the medians):\n\n- "
                        + String.join("\n- ", runs.failures()) + "\n"), StandardCharsets.UTF_8);
        BarChart.write(rows, results.resolve("bench.png"));
    }
}
