package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What else took this machine's CPU while one run went on, and what it read from its disks: every process that is neither the bench,
 * nor one of its peers, nor one of its servers (kernel threads writing back the disk included), and
 * the time the host let the virtual CPUs wait (steal). Runs on two cores are CPU-bound, so a run
 * that shared them is slower whatever is measured; this says by how much it shared them. Processes
 * are sampled from /proc once a second: one that lived and ended between two samples is not seen.
 * Sampling every 200 ms took the bench's JVM about 6 % of a core while a transfer ran, CPU that the
 * transfer's peers, on two cores, then lacked.
 */
final class OtherLoad implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 1000;
    private static final long OWN_PID = ProcessHandle.current().pid();

    /**
     * What was seen: other CPU seconds, steal seconds, the name of the busiest other process, the
     * ticks of each other process that used any, and the MiB the machine read from its disks.
     */
    record Seen(double otherCpuSeconds, double stealSeconds, String busiest, Map<Long, Long> ticksByPid,
            double diskReadMib) {

        static final Seen UNKNOWN = new Seen(Double.NaN, Double.NaN, "", Map.of(), Double.NaN);

        /** Both together: CPU time the run could not have. */
        double takenSeconds() {
            return otherCpuSeconds + (Double.isNaN(stealSeconds) ? 0 : stealSeconds);
        }
    }

    private final Supplier<Set<Long>> serverPids;
    private final Map<Long, Long> firstTicks = new HashMap<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Set<Long> ours = new HashSet<>();
    private final OptionalLong stealBefore;
    private final OptionalLong diskReadBefore;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread sampler;
    private boolean first = true;

    private OtherLoad(Supplier<Set<Long>> serverPids) {
        this.serverPids = serverPids;
        this.stealBefore = ProcStat.stealTicks();
        this.diskReadBefore = ProcStat.diskReadKib();
        sample();
        this.sampler = new Thread(this::sampleUntilStopped, "other load");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching; serverPids: the bench's running servers (asked at each sample). */
    static OtherLoad watch(Supplier<Set<Long>> serverPids) {
        return new OtherLoad(serverPids);
    }

    /** Stops watching and says what was seen since {@link #watch}. */
    Seen seen() throws InterruptedException {
        close();
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (this) {
            sample();
            if (lastTicks.isEmpty()) {
                return Seen.UNKNOWN; // no /proc to read
            }
            double others = 0;
            Map<Long, Long> byPid = new HashMap<>();
            long busiestTicks = 0;
            String busiest = "";
            for (Map.Entry<Long, Long> last : lastTicks.entrySet()) {
                long pid = last.getKey();
                if (ours.contains(pid)) {
                    continue;
                }
                long before = firstTicks.getOrDefault(pid, 0L);
                // fewer ticks than at first: the pid was taken again by a process born during the run
                long used = last.getValue() >= before ? last.getValue() - before : last.getValue();
                others += used;
                if (used > 0) {
                    byPid.put(pid, used);
                }
                if (used > busiestTicks) {
                    busiestTicks = used;
                    busiest = names.getOrDefault(pid, "?") + " (" + pid + ")";
                }
            }
            OptionalLong stealAfter = ProcStat.stealTicks();
            double steal = stealBefore.isPresent() && stealAfter.isPresent()
                    ? (stealAfter.getAsLong() - stealBefore.getAsLong()) / ProcStat.TICKS_PER_SECOND
                    : Double.NaN;
            OptionalLong diskReadAfter = ProcStat.diskReadKib();
            double diskRead = diskReadBefore.isPresent() && diskReadAfter.isPresent()
                    ? (diskReadAfter.getAsLong() - diskReadBefore.getAsLong()) / 1024.0
                    : Double.NaN;
            return new Seen(others / ProcStat.TICKS_PER_SECOND, steal, busiest, Map.copyOf(byPid), diskRead);
        }
    }

    @Override
    public void close() {
        stop.countDown();
    }

    private void sampleUntilStopped() {
        try {
            while (!stop.await(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                synchronized (this) {
                    sample();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every process's CPU ticks now. A process first seen after the first sample was born during the
     * run and counts from zero.
     */
    private void sample() {
        ours.add(OWN_PID);
        ProcessHandle.current().descendants().forEach(p -> ours.add(p.pid()));
        for (long server : serverPids.get()) {
            ours.add(server);
            ProcessHandle.of(server).ifPresent(p -> p.descendants().forEach(d -> ours.add(d.pid())));
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,10}")).forEach(n -> {
                long pid = Long.parseLong(n);
                ProcStat.ownTicks(pid).ifPresent(ticks -> {
                    if (first) {
                        firstTicks.put(pid, ticks);
                    }
                    lastTicks.put(pid, ticks);
                    names.computeIfAbsent(pid, OtherLoad::nameOf);
                });
            });
        } catch (IOException | java.io.UncheckedIOException noProc) {
            // not Linux: nothing is seen, and the column stays empty
        }
        first = false;
    }

    private static String nameOf(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException | SecurityException gone) {
            return "?";
        }
    }
}
