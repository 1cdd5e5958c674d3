package io.sift.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * slixmpp's SI file transfer in a process of its own (tools/slixmpp-peer/peer.py, run by Debian's
 * /usr/bin/python3, which has python3-slixmpp). Same command line and output lines as {@link SmackPeer}.
 */
public final class SlixmppPeer {

    /** Debian's interpreter: the one python3-slixmpp is installed for. */
    private static final String PYTHON = "/usr/bin/python3";
    public static final String RESOURCE = "slixmpp";

    private SlixmppPeer() {
    }

    /** Receives {@code count} files into {@code into} as {@code user@localhost/slixmpp}. */
    public static PeerProcess receive(String user, Path into, int count, String... extra) throws IOException {
        return start(PeerProcess.receiveArgs(user, RESOURCE, into, count, extra));
    }

    /** Sends {@code file} from {@code user@localhost/slixmpp} to {@code to}. */
    public static PeerProcess send(String user, String to, Path file, String... extra) throws IOException {
        return start(PeerProcess.sendArgs(user, RESOURCE, to, file, extra));
    }

    private static PeerProcess start(List<String> args) throws IOException {
        return new PeerProcess("slixmpp-peer", List.of(PYTHON, script().toString()), args);
    }

    private static Path script() {
        Path script = LocalProsody.projectDir().resolve("tools/slixmpp-peer/peer.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("slixmpp-peer not found at " + script);
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IllegalStateException(PYTHON + " is missing (apt-get install python3-slixmpp)");
        }
        return script;
    }
}
