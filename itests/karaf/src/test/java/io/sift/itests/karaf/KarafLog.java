package io.sift.itests.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of the Karaf's own log, read from inside it, for a failure message: Pax Exam removes the
 * Karaf's folder when the test ends, so what the container said would otherwise be lost with it.
 */
final class KarafLog {

    private KarafLog() {
    }

    static String tail(int lines) {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- the last lines of " + log + "\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "--- " + log + " cannot be read: " + unreadable;
        }
    }
}
