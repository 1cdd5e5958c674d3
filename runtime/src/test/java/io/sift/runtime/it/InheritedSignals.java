package io.sift.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ctrl-C as a terminal delivers it, whatever this test JVM inherited. A process started with SIGINT
 * ignored keeps it ignored across exec, and the JVM then installs no handler for it: that is how a
 * shell starts the background jobs of a script, and how {@code nohup} starts a build. The jar would
 * then rightly ignore the tests' SIGINT. When this JVM has SIGINT ignored, the jar's processes get it
 * back at its default through {@code env --default-signal} (GNU coreutils 8.31 and later).
 */
final class InheritedSignals {

    private static final int SIGINT = 2;

    private InheritedSignals() {
    }

    /** The words to put before the command, none if SIGINT comes through already. */
    static List<String> restoreInterrupt() {
        return interruptIgnored() ? List.of("env", "--default-signal=INT") : List.of();
    }

    /** Whether this process ignores SIGINT, from the {@code SigIgn} mask Linux shows in /proc/self/status. */
    static boolean interruptIgnored() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                    .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16))
                    .anyMatch(mask -> (mask & (1L << (SIGINT - 1))) != 0);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
