package io.sift.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The project's local Prosody, driven through scripts/prosody (the same script the README and the
 * benchmarks use). Ports and domain follow the script's defaults unless overridden by the same
 * environment variables.
 */
public final class LocalProsody {

    public static final String DOMAIN = "localhost";
    public static final String HOST = "127.0.0.1";

    private LocalProsody() {
    }

    public static int c2sPort() {
        return Integer.parseInt(System.getenv().getOrDefault("SIFT_XMPP_PORT", "5222"));
    }

    public static String password(String user) {
        return user + "-secret";
    }

    public static String jid(String user) {
        return user + "@" + DOMAIN;
    }

    public static void start() {
        script("start");
    }

    public static void stop() {
        script("stop");
    }

    private static void script(String command) {
        Path script = projectDir().resolve("scripts/prosody");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("Cannot " + command + " the local Prosody: " + script + " is missing");
        }
        try {
            Process process = new ProcessBuilder(script.toString(), command)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Cannot " + command + " the local Prosody (scripts/prosody "
                        + command + "):\n" + output);
            }
            System.out.print(output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running scripts/prosody " + command, e);
        }
    }

    static Path projectDir() {
        String dir = System.getProperty("sift.project.dir");
        if (dir == null) {
            throw new IllegalStateException("system property sift.project.dir is not set (run the itests through Maven)");
        }
        return Paths.get(dir).toAbsolutePath().normalize();
    }
}
