package io.sift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The bench's own Prosody, through scripts/prosody with a home and ports of its own, so the default
 * instance the tests use is never touched.
 */
final class Prosody implements AutoCloseable {

    static final int XMPP_PORT = 25222;
    static final int PROXY_PORT = 27777;

    private final Path project;
    private final Path home;

    Prosody(Path project) {
        this.project = project;
        this.home = project.resolve("bench/.prosody");
    }

    void start() throws IOException, InterruptedException, BenchFailure {
        if (script("start") != 0) {
            throw new BenchFailure("scripts/prosody start failed; see " + home.resolve("prosody.log"));
        }
    }

    /** CPU seconds Prosody has used so far (NaN when its pid is unknown). */
    double cpuSeconds() {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("prosody.pid"), StandardCharsets.US_ASCII).strip());
            OptionalLong ticks = ProcStat.ownTicks(pid);
            return ticks.isPresent() ? ticks.getAsLong() / ProcStat.TICKS_PER_SECOND : Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop");
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(project.resolve("scripts/prosody").toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("SIFT_PROSODY_HOME", home.toString());
        env.put("SIFT_XMPP_PORT", Integer.toString(XMPP_PORT));
        env.put("SIFT_PROXY_PORT", Integer.toString(PROXY_PORT));
        Process p = builder.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
