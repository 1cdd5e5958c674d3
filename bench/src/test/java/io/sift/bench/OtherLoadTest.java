package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class OtherLoadTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** A second of CPU: far above what sampling can miss (the last 200 ms of a process that ended). */
    private static final long BUSY_TICKS = 100;

    @TempDir
    Path dir;

    /** Bash builtins only, so the process that spins is the one started; it ends by itself after two minutes. */
    private static final String BUSY = "while [ $SECONDS -lt 120 ]; do :; done";

    private long busyPid = -1;

    @AfterEach
    void stopTheBusyLoop() {
        if (busyPid > 0) {
            ProcessHandle.of(busyPid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    /**
     * Starts the script in a bash that its parent shell leaves behind (no longer the JVM's descendant,
     * as another user's process or a daemonised server is not); returns its pid.
     */
    private static long leaveBehind(String script, Path pidFile) throws Exception {
        Process shell = new ProcessBuilder("bash", "-c",
                "bash -c 'echo $$ > \"$1\"; exec bash -c \"$2\"' busy \"$0\" \"$1\" &", pidFile.toString(), script)
                .start();
        assertTrue(shell.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS));
        return awaitPid(pidFile);
    }

    @Test
    void aProcessOfSomebodyElseCountsAndTheBenchsOwnDoNot() throws Exception {
        try (OtherLoad load = OtherLoad.watch(Set::of)) {
            // a busy loop the shell leaves behind: no longer the bench's descendant, as another user's would be
            Path pidFile = dir.resolve("busy.pid");
            busyPid = leaveBehind(BUSY, pidFile);
            // and one of the bench's own: a child that stays a child
            Process own = new ProcessBuilder("bash", "-c", BUSY).start();
            try {
                long elseTicks = awaitTicks(busyPid);
                long ownTicks = awaitTicks(own.pid());
                OtherLoad.Seen seen = load.seen();
                assertTrue(seen.ticksByPid().getOrDefault(busyPid, 0L) >= elseTicks,
                        "the other process's ticks: " + seen.ticksByPid());
                assertTrue(seen.otherCpuSeconds() >= elseTicks / ProcStat.TICKS_PER_SECOND,
                        "counted " + seen.otherCpuSeconds() + " s");
                assertFalse(seen.ticksByPid().containsKey(own.pid()),
                        "the bench's own child (" + ownTicks + " ticks) is not another load: " + seen.ticksByPid());
                assertFalse(seen.ticksByPid().containsKey(ProcessHandle.current().pid()));
            } finally {
                own.destroyForcibly();
            }
        }
    }

    @Test
    void aServerOfTheBenchIsNotAnotherLoad() throws Exception {
        Path pidFile = dir.resolve("server.pid");
        // a daemon whose work is done by a child of its own
        busyPid = leaveBehind("(" + BUSY + ") & wait", pidFile);
        // the server as a daemon: not a descendant, and known only by its pid; its children are its own
        try (OtherLoad load = OtherLoad.watch(() -> Set.of(busyPid))) {
            awaitTicks(busyPid);
            OtherLoad.Seen seen = load.seen();
            assertFalse(seen.ticksByPid().containsKey(busyPid), seen.ticksByPid().toString());
            List<Long> children = ProcessHandle.of(busyPid).stream().flatMap(ProcessHandle::children)
                    .map(ProcessHandle::pid).toList();
            assertEquals(1, children.size(), "the server's working child");
            assertFalse(seen.ticksByPid().containsKey(children.get(0)), seen.ticksByPid().toString());
        }
    }

    @Test
    void stealIsReadFromTheFirstLineOfProcStat() {
        assertEquals(OptionalLong.of(381), ProcStat.stealTicks("cpu  674658 0 120705 965785 3730 0 9841 381 0 0\n"
                + "cpu0 333248 0 55201 493085 854 0 4557 190 0 0\n"));
        assertEquals(OptionalLong.empty(), ProcStat.stealTicks("cpu  1 2 3 4 5 6 7\n"));
        assertEquals(OptionalLong.empty(), ProcStat.stealTicks("cpu0 1 2 3 4 5 6 7 8\n"));
        assertEquals(OptionalLong.empty(), ProcStat.stealTicks("cpu  1 2 3 4 5 6 7 x\n"));
        assertEquals(OptionalLong.empty(), ProcStat.stealTicks(""));
    }

    @Test
    void diskReadsAreReadFromVmstat() {
        String vmstat = "nr_free_pages 5000\npgpgin 6073637\npgpgout 12\npgpginx 1\n";
        assertEquals(OptionalLong.of(6073637), ProcStat.vmstat(vmstat, "pgpgin"));
        assertEquals(OptionalLong.empty(), ProcStat.vmstat(vmstat, "pswpin"));
        assertEquals(OptionalLong.empty(), ProcStat.vmstat("pgpgin x\n", "pgpgin"));
        assertEquals(OptionalLong.empty(), ProcStat.vmstat("", "pgpgin"));
    }

    /** The pid the busy loop wrote, once written. */
    private static long awaitPid(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong pid = Files.exists(pidFile) ? ProcStat.pidOf(pidFile) : OptionalLong.empty();
            if (pid.isPresent()) {
                return pid.getAsLong();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no pid in " + pidFile);
    }

    /** The ticks of the process and its descendants, once they have used a second of CPU. */
    private static long awaitTicks(long pid) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long ticks = ProcStat.ownTicks(pid).orElse(0) + ProcessHandle.of(pid).stream()
                    .flatMap(ProcessHandle::descendants).mapToLong(d -> ProcStat.ownTicks(d.pid()).orElse(0)).sum();
            if (ticks >= BUSY_TICKS) {
                return ticks;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("process " + pid + " did not use a second of CPU within " + LIMIT);
    }
}
