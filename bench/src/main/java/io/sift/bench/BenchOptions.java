package io.sift.bench;

import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [--case NAME[,NAME...]] [--size BYTES|NK|NM|NG] [--reps N] [--quick] [--ceilings]
 * [--profile] [--no-hold]}.
 * Quick mode is what CI runs: every case with small files, one repetition and no warm-up.
 * {@code --ceilings} measures only the ceilings of the cases that have them, no SIFT or Smack.
 * {@code --profile} samples every peer's CPU with async-profiler and prints where it went in each run.
 * {@code --no-hold} leaves the machine's free page reporting as it is ({@link FreedMemoryHold}).
 */
record BenchOptions(Optional<List<String>> onlyCases, Optional<Long> size, int reps, boolean quick,
        boolean ceilingsOnly, boolean profile, boolean noHold) {

    static final List<String> CASES = List.of("socks5-direct", "socks5-proxy", "ejabberd-proxy", "ibb", "ibb-stock",
            "ejabberd-ibb", "ttfb", "concurrent", "memory");

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(String... args) throws UsageException {
        Optional<List<String>> only = Optional.empty();
        Optional<Long> size = Optional.empty();
        Integer reps = null;
        boolean quick = false;
        boolean ceilings = false;
        boolean profile = false;
        boolean noHold = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--ceilings" -> ceilings = true;
                case "--profile" -> profile = true;
                case "--no-hold" -> noHold = true;
                case "--case" -> {
                    List<String> names = List.of(value(args, ++i, arg).split(",", -1));
                    for (String name : names) {
                        if (!CASES.contains(name)) {
                            throw new UsageException("unknown case '" + name + "' (" + String.join(", ", CASES) + ")");
                        }
                    }
                    only = Optional.of(names);
                }
                case "--size" -> size = Optional.of(bytes(value(args, ++i, arg)));
                case "--reps" -> {
                    String raw = value(args, ++i, arg);
                    try {
                        reps = Integer.parseInt(raw);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--reps needs a whole number, not '" + raw + "'");
                    }
                    if (reps < 1 || reps > 100) {
                        throw new UsageException("--reps must be between 1 and 100, not " + reps);
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        return new BenchOptions(only, size, reps != null ? reps : quick ? 1 : 3, quick, ceilings, profile,
                noHold);
    }

    /** A size in bytes, or with a binary suffix: 512K, 64M, 1G. */
    static long bytes(String raw) throws UsageException {
        String text = raw.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (!text.isEmpty() && "KMG".indexOf(text.charAt(text.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(text.charAt(text.length() - 1)) + 1));
            text = text.substring(0, text.length() - 1);
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--size needs a number of bytes (or 64M, 1G), not '" + raw + "'");
        }
        // 64 GiB is far beyond any case here and keeps the product away from overflow
        if (number < 1 || number > (64L << 30) / unit) {
            throw new UsageException("--size must be between 1 byte and 64G, not '" + raw + "'");
        }
        return number * unit;
    }

    /**
     * Whether the bench holds freed memory from the host while it runs: not in quick mode, whose
     * speeds mean nothing, nor with --no-hold.
     */
    boolean holdsFreedMemory() {
        return !quick && !noHold;
    }

    boolean runs(String name) {
        return onlyCases.map(names -> names.contains(name)).orElse(true);
    }

    /** Warm-up runs are left out in quick mode: it checks that everything works, not speed. */
    boolean warmUp() {
        return !quick;
    }

    /** The case's file size: --size if given, else the quick or the full default. */
    long sizeOr(long full, long quickSize) {
        return size.orElse(quick ? quickSize : full);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return "usage: bench/run [--case " + String.join("|", CASES)
                + "[,...]] [--size BYTES|64M|1G] [--reps N] [--quick] [--ceilings] [--profile] [--no-hold]";
    }
}
