package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** CPU time and peak memory of a process, from Linux's /proc files. */
final class ProcStat {

    /** Kernel clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /** Fields of /proc/PID/stat after the command name; the name itself may hold spaces and parentheses. */
    private static String[] afterName(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) {
            return new String[0];
        }
        return stat.substring(close + 2).strip().split(" +");
    }

    /** utime + stime in ticks: the process's own CPU time. */
    static OptionalLong ownTicks(String stat) {
        return sum(afterName(stat), 11, 12);
    }

    /** cutime + cstime in ticks: the CPU time of the children it has waited for. */
    static OptionalLong childrenTicks(String stat) {
        return sum(afterName(stat), 13, 14);
    }

    /** VmHWM (peak resident set) in bytes from /proc/PID/status. */
    static OptionalLong peakRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).strip().split(" +");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d{1,15}")) {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong ownTicks(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat")).map(ProcStat::ownTicks).orElse(OptionalLong.empty());
    }

    static OptionalLong peakRssBytes(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status")).map(ProcStat::peakRssBytes)
                .orElse(OptionalLong.empty());
    }

    /** CPU seconds used so far by the process whose pid the file holds (a server's); NaN when unknown. */
    static double cpuSecondsOfPidFile(Path pidFile) {
        OptionalLong pid = pidOf(pidFile);
        OptionalLong ticks = pid.isPresent() ? ownTicks(pid.getAsLong()) : OptionalLong.empty();
        return ticks.isPresent() ? ticks.getAsLong() / TICKS_PER_SECOND : Double.NaN;
    }

    /** The pid a pid file holds, if it holds one. */
    static OptionalLong pidOf(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The "steal" ticks of /proc/stat's first line: time this machine's virtual CPUs were ready to run
     * but the host ran something else. Empty when the line has no such field.
     */
    static OptionalLong stealTicks(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] fields = first.strip().split(" +");
        // cpu user nice system idle iowait irq softirq steal ...
        if (fields.length < 9 || !fields[0].equals("cpu") || !fields[8].matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[8]));
    }

    /** A counter of /proc/vmstat's text (lines "name value"), if it has that line. */
    static OptionalLong vmstat(String procVmstat, String name) {
        for (String line : procVmstat.split("\n")) {
            String[] fields = line.strip().split(" +");
            if (fields.length == 2 && fields[0].equals(name) && fields[1].matches("\\d{1,18}")) {
                return OptionalLong.of(Long.parseLong(fields[1]));
            }
        }
        return OptionalLong.empty();
    }

    /** KiB read from block devices since boot (/proc/vmstat's pgpgin). */
    static OptionalLong diskReadKib() {
        return read(Path.of("/proc/vmstat")).map(text -> vmstat(text, "pgpgin")).orElse(OptionalLong.empty());
    }

    static OptionalLong stealTicks() {
        return read(Path.of("/proc/stat")).map(ProcStat::stealTicks).orElse(OptionalLong.empty());
    }

    /** CPU seconds this JVM has used so far, every thread (the ceiling measurements run in it). */
    static double thisProcessCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    private static OptionalLong sum(String[] fields, int a, int b) {
        if (fields.length <= b || !fields[a].matches("\\d{1,18}") || !fields[b].matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[a]) + Long.parseLong(fields[b]));
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException gone) {
            return java.util.Optional.empty();
        }
    }
}
