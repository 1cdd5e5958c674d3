package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bench's ejabberd (Debian's package), through scripts/ejabberd with a home (bench/.ejabberd)
 * and loopback ports of its own: c2s 35522, proxy65 35577, Erlang distribution 35510.
 */
final class Ejabberd implements XmppServer {

    private static final Path EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");

    private final Path project;
    private final Path home;

    Ejabberd(Path project) {
        this.project = project;
        this.home = project.resolve("bench/.ejabberd");
    }

    /** Whether the package is installed, so that quick mode can use it without installing anything. */
    static boolean installed() {
        return Files.isExecutable(EJABBERDCTL);
    }

    /** ejabberdctl starts the server as the package's user, which only root (or that user) may do. */
    static boolean startable() {
        String user = System.getProperty("user.name", "");
        return user.equals("root") || user.equals("ejabberd");
    }

    @Override
    public String name() {
        return "ejabberd";
    }

    @Override
    public int xmppPort() {
        return 35522;
    }

    @Override
    public int proxyPort() {
        return 35577;
    }

    @Override
    public void start() throws IOException, InterruptedException, BenchFailure {
        if (script("start") != 0) {
            throw new BenchFailure("scripts/ejabberd start failed; see " + home.resolve("log"));
        }
    }

    @Override
    public double cpuSeconds() {
        return ProcStat.cpuSecondsOfPidFile(home.resolve("ejabberd.pid"));
    }

    @Override
    public java.util.OptionalLong pid() {
        return ProcStat.pidOf(home.resolve("ejabberd.pid"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop");
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(project.resolve("scripts/ejabberd").toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("SIFT_EJABBERD_HOME", home.toString());
        env.put("SIFT_EJABBERD_XMPP_PORT", Integer.toString(xmppPort()));
        env.put("SIFT_EJABBERD_PROXY_PORT", Integer.toString(proxyPort()));
        env.put("SIFT_EJABBERD_DIST_PORT", "35510");
        Process p = builder.start();
        // the first start installs the package (when allowed) and registers the accounts
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
