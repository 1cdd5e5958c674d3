package io.sift.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * SIFT's runnable jar (runtime/target/sift.jar) in a process of its own, as people run it: an
 * {@code etc/} folder with one account on the local Prosody, then a command. Its result lines
 * (stdout) and its notices (stderr) come as one stream of lines.
 */
public final class SiftJar {

    private SiftJar() {
    }

    /** Runs {@code command} (e.g. {@code receive --into DIR}) as {@code user@localhost/resource}. */
    public static PeerProcess start(String user, String resource, Path workDir, String... command) throws IOException {
        Path etc = Files.createDirectories(workDir.resolve(user + "-etc"));
        Files.writeString(etc.resolve("io.sift.connection-" + user + ".cfg"), String.join("\n",
                "jid = " + LocalProsody.jid(user),
                "password = " + LocalProsody.password(user),
                "host = " + LocalProsody.HOST,
                "port = " + LocalProsody.c2sPort(),
                "securityMode = DISABLED",
                "resource = " + resource,
                ""), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--etc", etc.toString()));
        args.addAll(List.of(command));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new PeerProcess("sift.jar " + user, List.of(java, "-jar", jar().toString()), args);
    }

    private static Path jar() {
        String jar = System.getProperty("sift.jar");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("sift.jar not found at " + jar + " (build runtime/ first: mvn verify)");
        }
        return Paths.get(jar);
    }
}
