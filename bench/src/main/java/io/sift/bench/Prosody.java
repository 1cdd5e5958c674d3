package io.sift.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Prosody of the bench's own, through scripts/prosody with a home and ports of its own, so the
 * default instance the tests use is never touched. {@link #tuned} reads whole stanzas at once (the
 * project's setting); {@link #stock} keeps Prosody's packaged read size of 4096 bytes, as a server
 * left as installed does.
 */
final class Prosody implements XmppServer {

    private final Path project;
    private final Path home;
    private final String name;
    private final int xmppPort;
    private final int proxyPort;
    private final int readSize;

    private Prosody(Path project, String homeName, String name, int xmppPort, int proxyPort, int readSize) {
        this.project = project;
        this.home = project.resolve("bench").resolve(homeName);
        this.name = name;
        this.xmppPort = xmppPort;
        this.proxyPort = proxyPort;
        this.readSize = readSize;
    }

    static Prosody tuned(Path project) {
        return new Prosody(project, ".prosody", "Prosody", 25222, 27777, 1 << 20);
    }

    static Prosody stock(Path project) {
        return new Prosody(project, ".prosody-stock", "Prosody read 4096", 25322, 27877, 4096);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int xmppPort() {
        return xmppPort;
    }

    @Override
    public int proxyPort() {
        return proxyPort;
    }

    @Override
    public void start() throws IOException, InterruptedException, BenchFailure {
        if (script("start") != 0) {
            throw new BenchFailure("scripts/prosody start failed; see " + home.resolve("prosody.log"));
        }
    }

    @Override
    public double cpuSeconds() {
        return ProcStat.cpuSecondsOfPidFile(home.resolve("prosody.pid"));
    }

    @Override
    public java.util.OptionalLong pid() {
        return ProcStat.pidOf(home.resolve("prosody.pid"));
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
        env.put("SIFT_XMPP_PORT", Integer.toString(xmppPort));
        env.put("SIFT_PROXY_PORT", Integer.toString(proxyPort));
        env.put("SIFT_PROSODY_READ_SIZE", Integer.toString(readSize));
        Process p = builder.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
