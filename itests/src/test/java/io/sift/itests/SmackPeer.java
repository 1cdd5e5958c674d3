package io.sift.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Smack's own FileTransferManager in a JVM of its own (tools/smack-peer), the reference peer SIFT
 * must interoperate with.
 */
public final class SmackPeer {

    public static final String RESOURCE = "smack";

    private SmackPeer() {
    }

    /** Receives {@code count} files into {@code into} as {@code user@localhost/smack}. */
    public static PeerProcess receive(String user, Path into, int count, String... extra) throws IOException {
        return start(PeerProcess.receiveArgs(user, RESOURCE, into, count, extra));
    }

    /** Sends {@code file} from {@code user@localhost/smack} to {@code to}. */
    public static PeerProcess send(String user, String to, Path file, String... extra) throws IOException {
        return start(PeerProcess.sendArgs(user, RESOURCE, to, file, extra));
    }

    /**
     * {@code blocks-receive} as {@code user@localhost/resource}: one stream of bare in-band data IQs into
     * {@code into}, a file that does not exist yet (more with {@code --streams N} in {@code extra}).
     */
    public static PeerProcess blocksReceive(String user, String resource, Path into, String... extra)
            throws IOException {
        return start(PeerProcess.args("blocks-receive", user, resource, List.of("--into", into.toString()), extra));
    }

    /** {@code blocks-send} of {@code file} as {@code user@localhost/resource} to {@code to}. */
    public static PeerProcess blocksSend(String user, String resource, String to, Path file, String... extra)
            throws IOException {
        return start(PeerProcess.args("blocks-send", user, resource, List.of("--to", to, "--file", file.toString()),
                extra));
    }

    private static PeerProcess start(List<String> args) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new PeerProcess("smack-peer", List.of(java, "-jar", jar().toString()), args);
    }

    private static Path jar() {
        String jar = System.getProperty("sift.smack.peer");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("smack-peer jar not found at " + jar + " (build tools/smack-peer first: mvn verify)");
        }
        return Paths.get(jar);
    }
}
