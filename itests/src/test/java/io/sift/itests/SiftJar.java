package io.sift.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SIFT's runnable jar (runtime/target/sift.jar) in a process of its own, as people run it: an
 * {@code etc/} folder with one account on the local Prosody, then a command. Its result lines
 * (stdout) and its notices (stderr) come as one stream of lines.
 */
public final class SiftJar {

    /** Columns of a result line (see the README): 9, tab-separated. */
    public static final int STATE = 0;
    public static final int NAME = 1;
    public static final int SIZE = 2;
    public static final int METHOD = 3;
    public static final int SHA256 = 4;
    /** The peer (sent) or the stored file (received). */
    public static final int WHERE = 5;
    public static final int CHECK = 8;
    private static final int COLUMNS = 9;

    private SiftJar() {
    }

    /** Runs {@code command} (e.g. {@code receive --into DIR}) as {@code user@localhost/resource}. */
    public static PeerProcess start(String user, String resource, Path workDir, String... command) throws IOException {
        return start(user, resource, workDir, Map.of(), command);
    }

    /**
     * Runs {@code command} as {@code user@localhost/resource} with more configuration files in its
     * {@code etc/} folder besides the account's: file name ({@code <pid>.cfg}) to content.
     */
    public static PeerProcess start(String user, String resource, Path workDir, Map<String, String> etcFiles,
            String... command) throws IOException {
        Path etc = Files.createDirectories(workDir.resolve(user + "-etc"));
        Files.writeString(etc.resolve("io.sift.connection-" + user + ".cfg"), String.join("\n",
                "jid = " + LocalProsody.jid(user),
                "password = " + LocalProsody.password(user),
                "host = " + LocalProsody.HOST,
                "port = " + LocalProsody.c2sPort(),
                "securityMode = DISABLED",
                "resource = " + resource,
                ""), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> file : etcFiles.entrySet()) {
            Files.writeString(etc.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        List<String> args = new ArrayList<>(List.of("--etc", etc.toString()));
        args.addAll(List.of(command));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new PeerProcess("sift.jar " + user, List.of(java, "-jar", jar().toString()), args);
    }

    /**
     * {@code receive} of {@code count} files as {@code bob@localhost/resource} into {@code into}
     * (giving up after 10 minutes), once it said it is online.
     */
    public static PeerProcess receiver(String resource, Path workDir, Path into, int count)
            throws IOException, InterruptedException {
        PeerProcess bob = start("bob", resource, workDir, "receive", "--into", into.toString(), "--count",
                Integer.toString(count), "--timeout", "600");
        try {
            bob.awaitLine("Ready", l -> l.startsWith("Ready: bob@localhost is online"), Duration.ofSeconds(120));
        } catch (AssertionError | InterruptedException e) {
            bob.close();
            throw e;
        }
        return bob;
    }

    /** Waits for the result line of the file named {@code name} and returns its columns. */
    public static List<String> awaitResult(PeerProcess jar, String name, Duration timeout) throws InterruptedException {
        String line = jar.awaitLine("result for " + name, l -> {
            String[] columns = l.split("\t", -1);
            return columns.length == COLUMNS && columns[NAME].equals(name);
        }, timeout);
        return List.of(line.split("\t", -1));
    }

    private static Path jar() {
        String jar = System.getProperty("sift.jar");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("sift.jar not found at " + jar + " (build runtime/ first: mvn verify)");
        }
        return Paths.get(jar);
    }
}
