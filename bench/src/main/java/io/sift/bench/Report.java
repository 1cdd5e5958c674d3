package io.sift.bench;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The result table as text for the terminal, as Markdown and as CSV. */
final class Report {

    static final List<String> HEADER = List.of("case", "implementation", "size", "runs", "MiB/s", "ms", "ttfb ms",
            "CPU s/GiB", "server s/GiB", "heap MiB", "RSS MiB", "others CPU s", "disk read MiB", "x ceiling", "x bound", "x Smack");

    private Report() {
    }

    static List<String> cells(Row r) {
        return List.of(r.caseName(), r.implementation(), size(r.fileBytes()), Integer.toString(r.runs()),
                num(r.mibPerSecond(), 1), num(r.millis(), 0), num(r.ttfbMillis(), 0), num(r.cpuSecondsPerGib(), 2),
                num(r.serverCpuSecondsPerGib(), 2), num(r.peakHeapMib(), 1), num(r.peakRssMib(), 1),
                num(r.otherCpuSeconds(), 1), num(r.diskReadMib(), 0), num(r.vsCeiling(), 2), num(r.vsBound(), 2), num(r.vsSmack(), 2));
    }

    static String text(List<Row> rows) {
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(HEADER);
        rows.forEach(r -> all.add(cells(r)));
        int[] width = new int[HEADER.size()];
        for (List<String> line : all) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : all) {
            StringJoiner joined = new StringJoiner("  ");
            for (int i = 0; i < width.length; i++) {
                // names left, numbers right
                String format = i < 2 ? "%-" + width[i] + "s" : "%" + width[i] + "s";
                joined.add(String.format(Locale.ROOT, format, line.get(i)));
            }
            out.append(joined.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---|").append("---:|".repeat(HEADER.size() - 2)).append('\n');
        rows.forEach(r -> out.append("| ").append(String.join(" | ", cells(r))).append(" |\n"));
        return out.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("case,implementation,bytes,runs,mib_per_s,millis,ttfb_millis,"
                + "cpu_s_per_gib,server_cpu_s_per_gib,peak_heap_mib,peak_rss_mib,other_cpu_s,disk_read_mib,ratio_ceiling,ratio_bound,"
                + "ratio_smack\n");
        for (Row r : rows) {
            out.append(String.join(",", r.caseName(), r.implementation(), Long.toString(r.fileBytes()),
                    Integer.toString(r.runs()), csvNum(r.mibPerSecond()), csvNum(r.millis()), csvNum(r.ttfbMillis()),
                    csvNum(r.cpuSecondsPerGib()), csvNum(r.serverCpuSecondsPerGib()), csvNum(r.peakHeapMib()), csvNum(r.peakRssMib()),
                    csvNum(r.otherCpuSeconds()), csvNum(r.diskReadMib()), csvNum(r.vsCeiling()), csvNum(r.vsBound()), csvNum(r.vsSmack())))
                    .append('\n');
        }
        return out.toString();
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0 && bytes < 1L << 20) {
            return bytes / (1L << 10) + " KiB";
        }
        // what a time-limited ceiling moved: rarely a whole number of anything
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
        return bytes + " B";
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-"
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String csvNum(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
