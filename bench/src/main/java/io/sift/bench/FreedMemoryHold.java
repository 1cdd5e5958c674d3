package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the memory freed inside this virtual machine from going back to its host while the bench
 * runs, and lets it go again at the end. A guest kernel with free page reporting hands the host every
 * page freed and left unused for {@code min_free_ms}; writing into such a page later makes the host
 * fault it in again. Every run of a case deletes the files it received, so whether the next run's
 * received file lands in such pages depends on how long ago that was: a run whose peers took two
 * seconds to start and log in wrote a gigabyte into the page cache at a quarter of the speed of a
 * ceiling that started right after its last copy was deleted (bench/README, "SOCKS5 direct has slow
 * rounds"). Held back for longer than any gap between two runs, every row writes into memory in the
 * same state. Like a benchmark that fixes the CPU's clock for its run, it changes a setting of the
 * machine for the bench's duration and restores it.
 */
final class FreedMemoryHold implements AutoCloseable {

    /** Where a Linux guest with free page reporting keeps the setting. */
    static final Path MIN_FREE_MS = Path.of("/sys/module/page_reporting/parameters/min_free_ms");
    /** Longer than any case leaves between deleting one run's files and writing the next run's. */
    static final long HOLD_MILLIS = 120_000;

    private final Path setting;
    /** The value found at the start, to write back; null when nothing was changed. */
    private final String original;
    private final String description;
    private boolean restored;

    private FreedMemoryHold(Path setting, String original, String description) {
        this.setting = setting;
        this.original = original;
        this.description = description;
    }

    /** Nothing held, and why: for quick mode and --no-hold. */
    static FreedMemoryHold none(String why) {
        return new FreedMemoryHold(null, null, "freed memory not held: " + why);
    }

    /**
     * Raises the setting to holdMillis when it is lower; a machine without it (no free page reporting,
     * or not Linux) or where it cannot be written (not root) runs as it is, and the description says so.
     */
    static FreedMemoryHold start(Path setting, long holdMillis) {
        String found;
        try {
            found = Files.readString(setting, StandardCharsets.US_ASCII).strip();
        } catch (IOException | SecurityException e) {
            return none("this machine has no " + setting + " (no free page reporting to its host)");
        }
        if (!found.matches("\\d{1,12}")) {
            return none(setting + " holds '" + found + "'");
        }
        if (Long.parseLong(found) >= holdMillis) {
            return new FreedMemoryHold(null, null, "freed memory held from the host for " + found
                    + " ms by this machine's own setting (" + setting.getFileName() + ")");
        }
        try {
            Files.writeString(setting, Long.toString(holdMillis), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return none(setting + " cannot be written (" + e.getMessage() + "); run as root to hold it");
        }
        return new FreedMemoryHold(setting, found, "freed memory held from the host for " + holdMillis
                + " ms while the bench runs (" + setting.getFileName() + " " + found + " -> " + holdMillis
                + ", set back at the end)");
    }

    String description() {
        return description;
    }

    /** Writes the original value back; once, whether from the bench's end or its shutdown hook. */
    @Override
    public synchronized void close() {
        if (original == null || restored) {
            return;
        }
        restored = true;
        try {
            Files.writeString(setting, original, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            System.err.println("bench: could not set " + setting + " back to " + original + ": " + e.getMessage());
        }
    }
}
