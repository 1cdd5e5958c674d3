package io.sift.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The project's local Prosody through scripts/prosody, on the ports its environment variables give. */
final class LocalProsody {

    private LocalProsody() {
    }

    static int c2sPort() {
        return Integer.parseInt(System.getenv().getOrDefault("SIFT_XMPP_PORT", "5222"));
    }

    static void start() {
        String project = System.getProperty("sift.project.dir");
        if (project == null) {
            throw new IllegalStateException("system property sift.project.dir is not set (run the itests through Maven)");
        }
        Path script = Path.of(project).resolve("scripts/prosody");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("Cannot start the local Prosody: " + script + " is missing");
        }
        try {
            Process process = new ProcessBuilder(script.toString(), "start").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Cannot start the local Prosody (scripts/prosody start):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the local Prosody", e);
        }
    }
}
